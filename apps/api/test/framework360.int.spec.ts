import {
  type FakeOrder,
  type Framework360Fake,
  shopTime,
  startFramework360Fake,
} from './fakes/framework360-fake';
import {
  callback,
  createPrinter,
  DIALECTS,
  freshDatabase,
  http,
  poll,
  signup,
  startServer,
  type TestDatabase,
  type TestServer,
  type TestTenant,
  wireOrderId,
} from './harness';
import { eventually } from './receiver';

const ENV = { OUTBOX_INTERVAL_MS: '50', ALLOW_PRIVATE_TARGETS: 'true', SHOP_POLL_SECONDS: '0' };

interface Connected {
  owner: TestTenant;
  printer: Awaited<ReturnType<typeof createPrinter>>;
  id: string;
  webhookUrl: string;
  webhookSecret: string;
}

interface InboundRow {
  shopOrderId: string | null;
  orderId: string | null;
  outcome: string;
}

describe.each(DIALECTS)('Framework360 connector on %s', (dialect) => {
  let db: TestDatabase;
  let server: TestServer;
  let fake: Framework360Fake;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    server = await startServer(dialect, ENV, db);
  });
  afterAll(async () => {
    await server.stop();
    await db.drop();
  });
  beforeEach(async () => {
    fake = await startFramework360Fake();
  });
  afterEach(async () => {
    await fake.close();
  });

  async function connect(body: Record<string, unknown> = {}): Promise<Connected> {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const res = await http(server, 'POST', '/api/v1/connections', {
      token: owner.token,
      body: {
        platform: 'framework360',
        name: 'Pizzeria shop',
        siteUrl: fake.baseUrl,
        apiKey: fake.apiKey,
        ...body,
      },
    });
    expect(res.status).toBe(201);
    return {
      owner,
      printer,
      id: res.body.id,
      webhookUrl: res.body.webhookUrl,
      webhookSecret: res.body.webhookSecret,
    };
  }

  async function pollShop(c: Connected) {
    return http(server, 'POST', `/api/v1/connections/${c.id}/poll`, { token: c.owner.token });
  }

  async function inbound(c: Connected): Promise<InboundRow[]> {
    const res = await http(server, 'GET', `/api/v1/connections/${c.id}/inbound`, { token: c.owner.token });
    expect(res.status).toBe(200);
    return res.body.items as InboundRow[];
  }

  async function connection(c: Connected) {
    const res = await http(server, 'GET', `/api/v1/connections/${c.id}`, { token: c.owner.token });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function deliveries(c: Connected) {
    const res = await http(server, 'GET', `/api/v1/connections/${c.id}/deliveries`, { token: c.owner.token });
    expect(res.status).toBe(200);
    return res.body.items as {
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
    }[];
  }

  /** Connect, take the first (history-skipping) poll, then add `orders` and poll them in. */
  async function withImported(body: Record<string, unknown>, orders: FakeOrder[]): Promise<Connected> {
    const c = await connect(body);
    expect((await pollShop(c)).body).toEqual({ imported: 0, duplicates: 0 });
    for (const order of orders) fake.makeOrder(order);
    const res = await pollShop(c);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(orders.length);
    return c;
  }

  /** Waits until the fake shop has received `count` status updates. */
  function updates(count: number) {
    return eventually(() => Promise.resolve(fake.updates.length >= count));
  }

  /** The printer takes its next order and answers it. */
  async function answer(c: Connected, params: Record<string, string>) {
    const served = await poll(server, c.printer.pollUrl);
    expect(served.text).toMatch(/^#.*#$/);
    const res = await callback(server, c.printer.callbackUrl, { o: wireOrderId(served.text), ...params });
    expect(res.status).toBe(200);
    return served.text;
  }

  it('imports nothing old on the first poll, then each new order exactly once, even across an API restart', async () => {
    const now = Date.now();
    fake.makeOrder({ created_at: shopTime(now - 30 * 86_400_000) });
    fake.makeOrder({ created_at: shopTime(now - 86_400_000) });
    const c = await connect();
    expect(await connection(c)).toMatchObject({
      platform: 'framework360',
      poll: true,
      credentialHints: { apiKey: `…${fake.apiKey.slice(-4)}` },
    });

    const first = await pollShop(c);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ imported: 0, duplicates: 0 });
    expect(await inbound(c)).toEqual([]);
    expect(fake.calls.every((call) => call.apiKey === fake.apiKey)).toBe(true);

    // Two orders in the same second (ids need not grow with time) and one later.
    const second = shopTime(now - 2000);
    const a = fake.makeOrder({ id: 7003, created_at: second });
    const b = fake.makeOrder({ id: 7001, created_at: second });
    const later = fake.makeOrder({ id: 7002, created_at: shopTime(now) });
    expect((await pollShop(c)).body).toEqual({ imported: 3, duplicates: 0 });
    expect((await pollShop(c)).body).toEqual({ imported: 0, duplicates: 0 });

    await server.stop();
    server = await startServer(dialect, ENV, db);
    expect((await pollShop(c)).body).toEqual({ imported: 0, duplicates: 0 });
    const afterRestart = fake.makeOrder({ id: 7004, created_at: shopTime(now + 1000) });
    expect((await pollShop(c)).body).toEqual({ imported: 1, duplicates: 0 });

    const rows = await inbound(c);
    expect(rows.map((row) => row.shopOrderId).sort()).toEqual(
      [a, b, later, afterRestart].map((order) => String(order['id'])).sort(),
    );
    expect(rows.every((row) => row.outcome === 'created' && row.orderId !== null)).toBe(true);
    const lists = fake.calls.filter((call) => call.action === 'orders/list');
    expect(lists.every((call) => call.query['order'] === 'desc' && call.query['limit'] === '50')).toBe(true);
  });

  it('skips an order the intake refuses, visibly, and keeps importing the ones after it', async () => {
    const c = await connect();
    await pollShop(c);
    const now = Date.now();
    const huge = fake.makeOrder({
      created_at: shopTime(now - 1000),
      cart: [{ name: 'Banquet', quantity: 1, price: '2000000,00' }],
      total: '2000002,00',
    });
    const fine = fake.makeOrder({ created_at: shopTime(now) });
    const res = await pollShop(c);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 1, duplicates: 0 });
    const rows = await inbound(c);
    const outcomes = Object.fromEntries(rows.map((row) => [row.shopOrderId, row.outcome]));
    expect(outcomes).toEqual({ [String(huge['id'])]: 'rejected', [String(fine['id'])]: 'created' });
    expect((await connection(c)).health.lastError).toMatch(
      `Could not import shop order ${String(huge['id'])}`,
    );
    // The cursor moved past it: the next poll does not stumble over it again.
    expect((await pollShop(c)).body).toEqual({ imported: 0, duplicates: 0 });
  });

  it('queues a COD order and serves it to the printer; skips an online-paid delivery', async () => {
    const c = await withImported({}, [
      { note: 'cod order' },
      { note: 'paid order', payment: { id: 2, name: 'PayPal' }, payment_status: 'Collected' },
    ]);
    const rows = await inbound(c);
    expect(rows.map((row) => row.outcome).sort()).toEqual(['created', 'skipped']);
    const cod = rows.find((row) => row.outcome === 'created')!;
    const order = await http(server, 'GET', `/api/v1/orders/${cod.orderId}`, { token: c.owner.token });
    expect(order.body).toMatchObject({
      status: 'queued',
      externalId: `fw360:${c.id.slice(0, 8)}:${cod.shopOrderId}`,
      paymentMethod: 'cod',
      total: '19.50',
    });
    const served = await poll(server, c.printer.pollUrl);
    expect(wireOrderId(served.text)).toBe(String(order.body.number));
    expect(served.text).toContain('Pizza Margherita');
    await callback(server, c.printer.callbackUrl, {
      o: wireOrderId(served.text),
      ak: 'Accepted',
      dt: '20:15',
    });
    const idle = await poll(server, c.printer.pollUrl);
    expect(idle.text).toBe('');
  });

  it('refuses a webhook with the wrong secret; imports an order fetched from an id-only webhook once', async () => {
    const c = await connect();
    expect(c.webhookUrl).toBe(`${server.baseUrl}/hooks/framework360/${c.id}/${c.webhookSecret}`);
    const order = fake.makeOrder({ id: 8001 });
    const wrongUrl = c.webhookUrl.replace(c.webhookSecret, 'not-the-secret');
    const refused = await http(server, 'POST', wrongUrl, {
      body: { event: 'order_created', order_id: 8001 },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_signature');
    expect(await inbound(c)).toEqual([]);
    expect(fake.calls).toHaveLength(0);
    expect((await connection(c)).health.lastError).toMatch(/Refused a delivery/);

    const body = { event: 'order_created', order_id: 8001 };
    const created = await http(server, 'POST', c.webhookUrl, { body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ result: 'created', status: 'queued' });
    expect(fake.calls.map((call) => `${call.method} ${call.action}?id=${String(call.query['id'])}`)).toEqual([
      'GET orders/get?id=8001',
    ]);
    const again = await http(server, 'POST', c.webhookUrl, { body });
    expect(again.body).toMatchObject({ result: 'duplicate', orderId: created.body.orderId });
    const stored = await http(server, 'GET', `/api/v1/orders/${created.body.orderId}`, {
      token: c.owner.token,
    });
    expect(stored.body.externalId).toBe(`fw360:${c.id.slice(0, 8)}:${String(order['id'])}`);
    const view = await connection(c);
    expect(view.lastPayload).toContain('order_id');
    expect(JSON.stringify(view)).not.toContain(fake.apiKey);

    const ping = await http(server, 'POST', c.webhookUrl, { body: { message: 'test' } });
    expect(ping.body).toEqual({ result: 'ping' });
    const ignored = await http(server, 'POST', c.webhookUrl, {
      body: { event: 'order.updated', order_id: 8001 },
    });
    expect(ignored.body).toEqual({ result: 'ignored' });
  });

  it('pushes the printer decision: accept → completed status id + note, reject → cancelled id + reason', async () => {
    const c = await withImported({ statusMap: { completed: '2', cancelled: '7' } }, [{}, {}]);
    const [first, second] = (await inbound(c)).map((row) => row.shopOrderId).reverse();
    await answer(c, { ak: 'Accepted', dt: '20:15' });
    await updates(1);
    expect(fake.updates[0]).toEqual({
      id: first,
      status: '2',
      note: expect.stringMatching(/^Accepted on the printer at \d\d:\d\d, ready for 20:15$/),
    });
    await answer(c, { ak: 'Rejected', m: 'TOO BUSY' });
    await updates(2);
    expect(fake.updates[1]).toEqual({
      id: second,
      status: '7',
      note: expect.stringMatching(/^Rejected on the printer at \d\d:\d\d: TOO BUSY$/),
    });
    const calls = fake.calls.filter((call) => call.action === 'orders/updateStatus');
    expect(calls.every((call) => call.method === 'POST' && call.apiKey === fake.apiKey)).toBe(true);
    const log = await eventually(async () => {
      const items = await deliveries(c);
      return items.length === 2 && items.every((d) => d.status === 'delivered') ? items : null;
    });
    expect(log.map((d) => d.attempts)).toEqual([1, 1]);
    expect((await connection(c)).health).toMatchObject({ consecutiveFailures: 0, pendingPushes: 0 });
  });

  it("finds the shop's statuses by name when the owner did not map them, and lists them", async () => {
    const c = await withImported({}, [{}]);
    const statuses = await http(server, 'GET', `/api/v1/connections/${c.id}/statuses`, {
      token: c.owner.token,
    });
    expect(statuses.status).toBe(200);
    expect(statuses.body.items).toEqual(fake.statuses.map((s) => ({ id: String(s.id), name: s.name })));
    await answer(c, { ak: 'Accepted' });
    await updates(1);
    expect(fake.updates[0]).toMatchObject({ status: '5' }); // "Completato"

    const other = await signup(server, 'Other');
    const hidden = await http(server, 'GET', `/api/v1/connections/${c.id}/statuses`, { token: other.token });
    expect(hidden.status).toBe(404);
    expect(
      (await http(server, 'POST', `/api/v1/connections/${c.id}/poll`, { token: other.token })).status,
    ).toBe(404);
  });

  it('retries a push while the shop is down and lands it once the shop is back', async () => {
    const c = await withImported({ statusMap: { completed: '5', cancelled: '7' } }, [{}]);
    fake.down = true;
    await answer(c, { ak: 'Accepted' });
    await fake.waitFor(1, (call) => call.action === 'orders/updateStatus' && call.status === 503);
    const failing = await eventually(async () => {
      const [d] = await deliveries(c);
      return d && d.attempts === 1 && d.status === 'pending' ? d : null;
    });
    expect(failing.lastStatusCode).toBe(503);
    expect((await connection(c)).health).toMatchObject({ consecutiveFailures: 1, pendingPushes: 1 });
    expect(fake.updates).toEqual([]);

    fake.down = false;
    server.clock.advance(15_000);
    await updates(1);
    const landed = await eventually(async () => {
      const [d] = await deliveries(c);
      return d?.status === 'delivered' ? d : null;
    });
    expect(landed.attempts).toBe(2);
    expect((await connection(c)).health).toMatchObject({ consecutiveFailures: 0, pendingPushes: 0 });
  });

  it('makes a wrong API key visible in the health and the deliveries, and a fixed key lets the push land', async () => {
    const c = await connect({ apiKey: 'wrong-key', statusMap: { completed: '5', cancelled: '7' } });
    const polled = await pollShop(c);
    expect(polled.status).toBe(502);
    expect(polled.body.code).toBe('shop_unavailable');
    let view = await connection(c);
    expect(view.health.lastError).toMatch(/Polling failed: orders\/list: HTTP 401 \(invalid_key\)/);
    expect(view.health.lastFailureAt).not.toBeNull();
    const statuses = await http(server, 'GET', `/api/v1/connections/${c.id}/statuses`, {
      token: c.owner.token,
    });
    expect(statuses.status).toBe(502);

    // A webhook needs no API key, so the order still arrives; its status push is refused.
    const order = {
      id: 9001,
      cart: [{ name: 'Calzone', quantity: 1, price: '9,00' }],
      payment: 'Contrassegno',
      total: '9,00',
    };
    fake.addOrder(order);
    const created = await http(server, 'POST', c.webhookUrl, {
      body: { event: 'order.created', data: order },
    });
    expect(created.body).toMatchObject({ result: 'created', status: 'queued' });
    await answer(c, { ak: 'Accepted' });
    const refused = await eventually(async () => {
      const [d] = await deliveries(c);
      return d && d.attempts >= 1 ? d : null;
    });
    expect(refused).toMatchObject({ status: 'pending', lastStatusCode: 401 });
    expect(refused.lastError).toMatch(/HTTP 401 \(invalid_key\)/);
    view = await connection(c);
    expect(view.health.consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(view.health.lastError).toMatch(/Status push failed: .*401/);
    expect(fake.updates).toEqual([]);

    const fixed = await http(server, 'PATCH', `/api/v1/connections/${c.id}`, {
      token: c.owner.token,
      body: { apiKey: fake.apiKey },
    });
    expect(fixed.status).toBe(200);
    await updates(1);
    expect(fake.updates[0]).toMatchObject({ id: '9001', status: '5' });
  });
});

describe('Framework360 scheduled polling on two instances sharing one MariaDB', () => {
  it('imports every new order exactly once, without a manual poll', async () => {
    const db = await freshDatabase('mysql');
    const fake = await startFramework360Fake();
    const env = { ...ENV, SHOP_POLL_SECONDS: '1' };
    const [one, two] = [await startServer('mysql', env, db), await startServer('mysql', env, db)];
    try {
      const owner = await signup(one);
      await createPrinter(one, owner);
      const res = await http(one, 'POST', '/api/v1/connections', {
        token: owner.token,
        body: { platform: 'framework360', name: 'Shop', siteUrl: fake.baseUrl, apiKey: fake.apiKey },
      });
      expect(res.status).toBe(201);
      const listOf = async () =>
        (await http(two, 'GET', '/api/v1/orders', { token: owner.token })).body.items as unknown[];
      // The first scheduled poll only places the cursor; orders made after it are new.
      await eventually(async () => {
        const view = await http(one, 'GET', `/api/v1/connections/${res.body.id}`, { token: owner.token });
        return view.body.health.lastPollAt !== null;
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (let i = 0; i < 6; i += 1) fake.makeOrder({ created_at: shopTime(Date.now() + i) });
      await eventually(async () => (await listOf()).length === 6, 20_000);
      // Several more rounds on both instances: still six.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await listOf()).toHaveLength(6);
      const inboundRows = await http(one, 'GET', `/api/v1/connections/${res.body.id}/inbound`, {
        token: owner.token,
      });
      expect(
        inboundRows.body.items.filter((row: { outcome: string }) => row.outcome === 'created'),
      ).toHaveLength(6);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
      await fake.close();
      await db.drop();
    }
  });
});
