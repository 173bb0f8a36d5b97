import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  deliverWebhook,
  type FakeWooCommerce,
  phpJsonEncode,
  sendCreationPing,
  startFakeWooCommerce,
  type WebhookDelivery,
} from './fakes/woocommerce-fake';
import {
  callback,
  createPrinter,
  DIALECTS,
  http,
  poll,
  signup,
  startServer,
  type TestServer,
  type TestTenant,
  wireOrderId,
} from './harness';
import { eventually } from './receiver';

/**
 * The WooCommerce connector end to end: a fake store (REST v3 + webhook deliveries built like
 * WC_Webhook does) against the real server, on SQLite and MariaDB.
 */
const ENV = { OUTBOX_INTERVAL_MS: '50', ALLOW_PRIVATE_TARGETS: 'true', SHOP_POLL_SECONDS: '0' };
const FIXTURES = path.join(__dirname, 'fixtures/woocommerce');

type Fixture = Record<string, unknown> & { id: number; status: string };
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;

interface Connected {
  owner: TestTenant;
  printer: Awaited<ReturnType<typeof createPrinter>>;
  connection: { id: string; webhookUrl: string; webhookSecret: string };
}

describe.each(DIALECTS)('WooCommerce connector on %s', (dialect) => {
  let server: TestServer;
  let shop: FakeWooCommerce;

  beforeAll(async () => {
    server = await startServer(dialect, ENV);
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    shop = await startFakeWooCommerce();
  });
  afterEach(async () => {
    await shop.close();
  });

  async function connect(overrides: Record<string, unknown> = {}): Promise<Connected> {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const res = await http(server, 'POST', '/api/v1/connections', {
      token: owner.token,
      body: {
        platform: 'woocommerce',
        name: 'Pizzeria Da Gino',
        siteUrl: shop.url,
        consumerKey: shop.consumerKey,
        consumerSecret: shop.consumerSecret,
        ...overrides,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.webhookUrl).toBe(`${server.baseUrl}/hooks/woocommerce/${res.body.id}`);
    return { owner, printer, connection: res.body };
  }

  /** The store has the order and delivers `order.created` for it. */
  function deliver(setup: Connected, name: string, options: Partial<WebhookDelivery> = {}) {
    const order = fixture(name);
    shop.addOrder(order);
    return deliverWebhook(setup.connection.webhookUrl, {
      secret: setup.connection.webhookSecret,
      payload: order,
      ...options,
    });
  }

  async function orders(owner: TestTenant) {
    const res = await http(server, 'GET', '/api/v1/orders', { token: owner.token });
    expect(res.status).toBe(200);
    return res.body.items as { id: string; externalId: string; status: string }[];
  }

  async function order(owner: TestTenant, id: string) {
    const res = await http(server, 'GET', `/api/v1/orders/${id}`, { token: owner.token });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function connectionView(setup: Connected) {
    const res = await http(server, 'GET', `/api/v1/connections/${setup.connection.id}`, {
      token: setup.owner.token,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function inboundLog(setup: Connected) {
    const res = await http(server, 'GET', `/api/v1/connections/${setup.connection.id}/inbound`, {
      token: setup.owner.token,
    });
    expect(res.status).toBe(200);
    return res.body.items as { outcome: string; deliveryId: string | null; shopOrderId: string | null }[];
  }

  async function pushes(setup: Connected) {
    const res = await http(server, 'GET', `/api/v1/connections/${setup.connection.id}/deliveries`, {
      token: setup.owner.token,
    });
    expect(res.status).toBe(200);
    return res.body.items as {
      status: string;
      attempts: number;
      event: string;
      lastStatusCode: number | null;
      lastError: string | null;
      nextAttemptAt: string | null;
    }[];
  }

  /** Delivers a COD order, lets the printer fetch it and answer. */
  async function printAndAnswer(setup: Connected, params: Record<string, string>) {
    const answer = await deliver(setup, 'cod-delivery');
    expect(answer.body).toMatchObject({ result: 'created', status: 'queued' });
    const wire = (await poll(server, setup.printer.pollUrl)).text;
    const res = await callback(server, setup.printer.callbackUrl, { o: wireOrderId(wire), ...params });
    expect(res.status).toBe(200);
    return answer.body.orderId as string;
  }

  it('answers the creation ping with 200 and stores nothing', async () => {
    const setup = await connect();
    const ping = await sendCreationPing(setup.connection.webhookUrl, 12);
    expect(ping.status).toBe(200);
    expect(ping.body).toEqual({ result: 'ping' });
    expect(await orders(setup.owner)).toHaveLength(0);
    expect(await inboundLog(setup)).toHaveLength(0);
  });

  it('imports a signed COD order with its items, options and totals, and the printer serves it', async () => {
    const setup = await connect();
    const answer = await deliver(setup, 'cod-delivery');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ result: 'created', orderId: expect.any(String), status: 'queued' });

    const stored = await order(setup.owner, answer.body.orderId);
    expect(stored).toMatchObject({
      externalId: `wc:${setup.connection.id.slice(0, 8)}:4711`,
      status: 'queued',
      type: 'delivery',
      currency: 'EUR',
      total: '36.00',
      deliveryFee: '3.00',
      fee: '1.00',
      discount: '3.00',
      paymentMethod: 'cod',
      paid: false,
      customer: {
        name: 'Giulia Rossi',
        phone: '+39 333 1234567',
        address: 'Via Roma 1, Scala B, interno 4, 20121 Milano MI',
      },
      notesFromShop: 'Citofono Rossi, secondo piano. Pizza tagliata per favore.',
    });
    expect(stored.items).toEqual([
      {
        name: 'Pizza Margherita',
        quantity: 2,
        unitPrice: '11.00',
        options: [
          { name: 'Dimensione: Maxi', price: '0.00' },
          { name: 'Impasto: Integrale', price: '0.00' },
          { name: 'Cottura: Ben cotta', price: '0.00' },
          { name: 'Aggiunte (+€2,00): Mozzarella di bufala', price: '0.00' },
        ],
        note: null,
      },
      { name: 'Tiramisù', quantity: 1, unitPrice: '5.50', options: [], note: null },
      { name: 'Coca-Cola 33cl', quantity: 3, unitPrice: '2.50', options: [], note: null },
    ]);
    // The mapping adds up, so the intake records no total mismatch.
    expect(stored.events.map((e: { type: string }) => e.type)).not.toContain('total_mismatch');

    const served = await poll(server, setup.printer.pollUrl);
    expect(served.status).toBe(200);
    expect(wireOrderId(served.text)).toBe(String(stored.number));
    for (const text of ['Pizza Margherita', 'Mozzarella di bufala', 'Tiramisù', 'Giulia Rossi', '36.00']) {
      expect(served.text).toContain(text);
    }
    expect(await inboundLog(setup)).toEqual([
      expect.objectContaining({ outcome: 'created', deliveryId: answer.deliveryId, shopOrderId: '4711' }),
    ]);
    expect((await connectionView(setup)).health.lastOrderAt).not.toBeNull();
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const setup = await connect();
    const unsigned = await deliver(setup, 'cod-delivery', { signature: null });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toMatchObject({ code: 'invalid_signature' });
    const wrongSecret = await deliver(setup, 'cod-delivery', { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.message).toMatch(/X-WC-Webhook-Signature does not match/);
    // A genuine signature, but of another body.
    const otherBody = phpJsonEncode(fixture('checkout-draft'));
    const replayed = await deliver(setup, 'cod-delivery', {
      signature: createHmac('sha256', setup.connection.webhookSecret).update(otherBody).digest('base64'),
    });
    expect(replayed.status).toBe(401);
    expect(await orders(setup.owner)).toHaveLength(0);
    expect((await poll(server, setup.printer.pollUrl)).text).toBe('');
    expect((await connectionView(setup)).health.lastError).toMatch(/X-WC-Webhook-Signature/);
  });

  it('imports a repeated delivery and a re-delivered order only once', async () => {
    const setup = await connect();
    const first = await deliver(setup, 'cod-delivery', { deliveryId: 'd-1' });
    expect(first.body.result).toBe('created');
    const sameDelivery = await deliver(setup, 'cod-delivery', { deliveryId: 'd-1' });
    expect(sameDelivery.status).toBe(200);
    expect(sameDelivery.body).toMatchObject({ result: 'duplicate', orderId: first.body.orderId });
    const newDelivery = await deliver(setup, 'cod-delivery', { deliveryId: 'd-2' });
    expect(newDelivery.body).toMatchObject({ result: 'duplicate', orderId: first.body.orderId });
    const all = await orders(setup.owner);
    expect(all).toHaveLength(1);
  });

  it('ignores a checkout draft and stores nothing but the log line', async () => {
    const setup = await connect();
    const answer = await deliver(setup, 'checkout-draft');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ result: 'ignored' });
    expect(await orders(setup.owner)).toHaveLength(0);
    expect(await inboundLog(setup)).toEqual([
      expect.objectContaining({
        outcome: 'ignored',
        shopOrderId: '4715',
        detail: expect.stringMatching(/checkout-draft/),
      }),
    ]);
  });

  it('ignores other topics', async () => {
    const setup = await connect();
    const answer = await deliver(setup, 'cod-delivery', { topic: 'order.updated' });
    expect(answer.body).toEqual({ result: 'ignored' });
    expect(await orders(setup.owner)).toHaveLength(0);
  });

  it('skips a delivery paid online, and queues a pickup paid online', async () => {
    const setup = await connect();
    const paid = await deliver(setup, 'paid-delivery-stripe');
    expect(paid.body).toMatchObject({ result: 'skipped', status: 'skipped' });
    expect((await poll(server, setup.printer.pollUrl)).text).toBe('');

    const pickup = await deliver(setup, 'pickup-stripe');
    expect(pickup.body).toMatchObject({ result: 'created', status: 'queued' });
    const stored = await order(setup.owner, pickup.body.orderId);
    expect(stored).toMatchObject({
      type: 'pickup',
      paid: true,
      paymentMethod: 'stripe',
      total: '16.50',
      customer: { name: 'Marco Bianchi', phone: '+39 347 7654321' },
    });
    const served = await poll(server, setup.printer.pollUrl);
    expect(wireOrderId(served.text)).toBe(String(stored.number));
  });

  it('uses the pickup methods given on connect', async () => {
    const setup = await connect({ pickupMethods: ['flat_rate'] });
    const answer = await deliver(setup, 'paid-delivery-stripe');
    expect(answer.body).toMatchObject({ result: 'created', status: 'queued' });
    expect((await order(setup.owner, answer.body.orderId)).type).toBe('pickup');
  });

  it('stores names and notes with entities decoded and accents intact', async () => {
    const setup = await connect();
    const answer = await deliver(setup, 'entities-accents');
    expect(answer.rawBody).toContain('Jos\\u00e9');
    const stored = await order(setup.owner, answer.body.orderId);
    expect(stored.items.map((item: { name: string }) => item.name)).toEqual([
      'Pizza Quattro Stagioni – Grande',
      'Caffè',
      'Spaghetti all’amatriciana & pecorino',
    ]);
    expect(stored.items[2].options).toEqual([
      { name: 'Note per la cucina: Poco piccante – senza cipolla', price: '0.00' },
    ]);
    expect(stored.customer.name).toBe('José Núñez');
    expect(stored.notesFromShop).toBe('Citofono «Núñez» – 3° piano.\nPortate il caffè a parte, grazie!');
    expect(stored).toMatchObject({ discount: '2.00', deliveryFee: '2.50', total: '23.90' });
    const served = (await poll(server, setup.printer.pollUrl)).text;
    expect(served).toContain('Caffè');
    expect(served).toContain('José Núñez');
    expect(served).not.toMatch(/&(ndash|egrave|amp|#8217);/);
  });

  it('refuses a mapped order the intake cannot take with 400 naming the field', async () => {
    const setup = await connect();
    const order = { ...fixture('cod-delivery'), id: 4800 } as Fixture & {
      line_items: { quantity: number }[];
    };
    // 22.00 over 1100 pizzas is 0.02 each: one line, over the intake's 999 limit.
    order.line_items[0]!.quantity = 1100;
    const answer = await deliverWebhook(setup.connection.webhookUrl, {
      secret: setup.connection.webhookSecret,
      payload: order,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('validation_failed');
    expect(answer.body.message).toMatch(/items\.0\.quantity/);
    expect(await orders(setup.owner)).toHaveLength(0);
  });

  it('accepting on the printer completes the WooCommerce order and notes the printer time', async () => {
    const setup = await connect();
    const orderId = await printAndAnswer(setup, { ak: 'Accepted', dt: '20:15' });
    const calls = await shop.waitFor(2);
    expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'PUT /wp-json/wc/v3/orders/4711 200',
      'POST /wp-json/wc/v3/orders/4711/notes 201',
    ]);
    expect(calls[0]!.body).toEqual({ status: 'completed' });
    expect(calls[1]!.body).toEqual({
      note: expect.stringMatching(/^Accepted on the printer at \d\d:\d\d, ready for 20:15$/),
      customer_note: false,
    });
    expect(calls.every((call) => call.consumerKey === shop.consumerKey)).toBe(true);
    expect(shop.status(4711)).toBe('completed');
    const log = await eventually(async () => {
      const items = await pushes(setup);
      return items.length === 1 && items[0]!.status === 'delivered' ? items : null;
    });
    expect(log[0]).toMatchObject({ event: 'status.completed', attempts: 1 });
    expect((await order(setup.owner, orderId)).status).toBe('completed');
    expect((await connectionView(setup)).health).toMatchObject({ consecutiveFailures: 0, pendingPushes: 0 });
  });

  it('rejecting on the printer cancels the WooCommerce order with the reason', async () => {
    const setup = await connect();
    await printAndAnswer(setup, { ak: 'Rejected', m: 'TOO BUSY' });
    const calls = await shop.waitFor(2);
    expect(calls[0]!.body).toEqual({ status: 'cancelled' });
    expect(calls[1]!.body).toEqual({
      note: expect.stringMatching(/^Rejected on the printer at \d\d:\d\d: TOO BUSY$/),
      customer_note: false,
    });
    expect(shop.status(4711)).toBe('cancelled');
    expect(shop.notesOf(4711)).toHaveLength(1);
  });

  it('retries while the store is down and lands the status once it is back, losing nothing', async () => {
    const setup = await connect();
    shop.goDown(60 * 60_000);
    await printAndAnswer(setup, { ak: 'Accepted', dt: '20:30' });
    await shop.waitFor(1, (call) => call.status === 503);
    const waiting = await eventually(async () => {
      const [push] = await pushes(setup);
      return push?.lastStatusCode === 503 && push.status === 'pending' ? push : null;
    });
    expect(waiting.lastError).toMatch(/HTTP 503/);
    // Still down at the next attempt.
    server.clock.advance(15_000);
    await shop.waitFor(2, (call) => call.status === 503);
    // Move the clock only once that attempt is recorded, or its retry would be scheduled from the new time.
    await eventually(async () => (await pushes(setup))[0]?.attempts === 2);
    shop.up();
    server.clock.advance(30_000);
    await eventually(async () => {
      const [push] = await pushes(setup);
      return push?.status === 'delivered';
    });
    expect(shop.status(4711)).toBe('completed');
    expect(shop.notesOf(4711)).toHaveLength(1);
    expect(shop.notesOf(4711)[0]!.note).toMatch(/ready for 20:30/);
    const [push] = await pushes(setup);
    expect(push!.attempts).toBeGreaterThanOrEqual(3);
    expect((await connectionView(setup)).health).toMatchObject({ consecutiveFailures: 0, pendingPushes: 0 });
  });

  it('shows a wrong consumer secret on the connection and its deliveries, and recovers once fixed', async () => {
    const setup = await connect({ consumerSecret: 'cs_wrong' });
    await printAndAnswer(setup, { ak: 'Accepted', dt: '21:00' });
    await shop.waitFor(1, (call) => call.status === 401);
    const view = await eventually(async () => {
      const body = await connectionView(setup);
      return body.health.consecutiveFailures >= 1 ? body : null;
    });
    expect(view.health.lastError).toMatch(/HTTP 401.*Consumer secret is invalid/);
    expect(view.health.lastFailureAt).not.toBeNull();
    expect(view.credentialHints).toEqual({
      consumerKey: `ck_…${shop.consumerKey.slice(-4)}`,
      consumerSecret: 'cs_…rong',
    });
    const [push] = await pushes(setup);
    expect(push).toMatchObject({ status: 'pending', lastStatusCode: 401 });
    expect(push!.lastError).toMatch(/Consumer secret is invalid/);
    expect(shop.status(4711)).toBe('processing');

    const fixed = await http(server, 'PATCH', `/api/v1/connections/${setup.connection.id}`, {
      token: setup.owner.token,
      body: { consumerSecret: shop.consumerSecret },
    });
    expect(fixed.status).toBe(200);
    server.clock.advance(15_000);
    await eventually(async () => (await pushes(setup))[0]?.status === 'delivered');
    expect(shop.status(4711)).toBe('completed');
  });

  it('keeps a connection private to its restaurant; another restaurant’s secret cannot deliver to it', async () => {
    const a = await connect();
    const b = await connect();
    for (const [method, suffix] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/rotate-secret'],
      ['GET', '/deliveries'],
      ['GET', '/inbound'],
    ] as const) {
      const res = await http(server, method, `/api/v1/connections/${a.connection.id}${suffix}`, {
        token: b.owner.token,
        ...(method === 'PATCH' ? { body: { name: 'mine now' } } : {}),
      });
      expect(res.status).toBe(404);
    }
    const list = await http(server, 'GET', '/api/v1/connections', { token: b.owner.token });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([b.connection.id]);

    const crossed = await deliverWebhook(a.connection.webhookUrl, {
      secret: b.connection.webhookSecret,
      payload: fixture('cod-delivery'),
    });
    expect(crossed.status).toBe(401);
    const own = await deliver(b, 'cod-delivery');
    expect(own.body.result).toBe('created');
    expect(await orders(a.owner)).toHaveLength(0);
    expect(await orders(b.owner)).toHaveLength(1);
  });
});
