import { verifySignature } from '../src/modules/webhook/webhook-signature';
import {
  callback,
  createApiKey,
  createPrinter,
  DIALECTS,
  freshDatabase,
  http,
  orderBody,
  poll,
  signup,
  startServer,
  type TestServer,
  type TestTenant,
  wireOrderId,
} from './harness';
import { eventually, type Receiver, type Received, startReceiver } from './receiver';

const ENV = { OUTBOX_INTERVAL_MS: '50', ALLOW_PRIVATE_TARGETS: 'true' };
const HOUR = 3_600_000;

interface Setup {
  owner: TestTenant;
  apiKey: string;
  printer: Awaited<ReturnType<typeof createPrinter>>;
}

async function setup(server: TestServer): Promise<Setup> {
  const owner = await signup(server);
  return { owner, apiKey: await createApiKey(server, owner), printer: await createPrinter(server, owner) };
}

async function addEndpoint(
  server: TestServer,
  owner: TestTenant,
  url: string,
  events: string[] | null = null,
) {
  const res = await http(server, 'POST', '/api/v1/webhooks', { token: owner.token, body: { url, events } });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

/** Intake → first poll → accept on the printer. */
async function acceptedOrder(server: TestServer, s: Setup, externalId: string): Promise<string> {
  const created = await http(server, 'POST', '/api/v1/orders', {
    apiKey: s.apiKey,
    body: orderBody(externalId),
  });
  expect(created.status).toBe(201);
  const served = await poll(server, s.printer.pollUrl);
  const answer = await callback(server, s.printer.callbackUrl, {
    o: wireOrderId(served.text),
    ak: 'Accepted',
    dt: '20:15',
  });
  expect(answer.status).toBe(200);
  return created.body.id as string;
}

/**
 * Moves the test clock forward in 5 s steps until the receiver has `count` requests. Steps (rather
 * than one jump) keep it right when an attempt is still being recorded as the clock moves.
 */
async function advanceUntil(server: TestServer, receiver: Receiver, count: number): Promise<Received[]> {
  for (let step = 0; step < 60 && receiver.requests.length < count; step += 1) {
    server.clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return receiver.waitFor(count);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test
const parsed = (request: Received) => JSON.parse(request.body) as { id: string; type: string; data: any };

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let server: TestServer;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startServer(dialect, ENV);
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('POSTs queued, printing and completed in order, signed, with the order and its notes', async () => {
    const s = await setup(server);
    const endpoint = await addEndpoint(server, s.owner, `${receiver.url}/hook`);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const orderId = await acceptedOrder(server, s, 'wh-1');

    const got = await receiver.waitFor(3);
    expect(got.map((r) => parsed(r).type)).toEqual(['order.queued', 'order.printing', 'order.completed']);
    for (const request of got) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-gcb-event']).toBe(parsed(request).type);
      const header = request.headers['x-gcb-signature'] as string;
      expect(verifySignature(endpoint.secret, header, request.body, Date.now())).toBeNull();
      expect(verifySignature('whsec_wrong', header, request.body, Date.now())).toBe('mismatch');
    }
    const completed = parsed(got[2]!);
    expect(completed.id).toMatch(/^evt_\d+$/);
    expect(completed.data.order).toMatchObject({ id: orderId, externalId: 'wh-1', status: 'completed' });
    expect(completed.data.order.notes.map((n: { text: string }) => n.text).join('\n')).toMatch(
      /Accepted on the printer at \d\d:\d\d, ready for 20:15/,
    );
    expect(new Set(got.map((r) => parsed(r).id)).size).toBe(3);

    const log = await eventually(async () => {
      const res = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, {
        token: s.owner.token,
      });
      return res.body.items.every((d: { status: string }) => d.status === 'delivered')
        ? res.body.items
        : null;
    });
    expect(log).toHaveLength(3);
    const detail = await http(server, 'GET', `/api/v1/deliveries/${log[0].id}`, { token: s.owner.token });
    expect(detail.body).toMatchObject({ status: 'delivered', attempts: 1, channel: 'webhook' });
    expect(detail.body.log[0]).toMatchObject({ ok: true, statusCode: 200 });
    expect(typeof detail.body.log[0].latencyMs).toBe('number');
  });

  it('sends only the events an endpoint subscribed to, and nothing to another restaurant', async () => {
    const s = await setup(server);
    const other = await setup(server);
    await addEndpoint(server, s.owner, `${receiver.url}/only-completed`, ['order.completed']);
    await addEndpoint(server, other.owner, `${receiver.url}/other`);
    await acceptedOrder(server, s, 'wh-filter');
    const got = await receiver.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests.map((r) => `${r.url} ${parsed(r).type}`)).toEqual([
      '/only-completed order.completed',
    ]);
    expect(got).toHaveLength(1);
  });

  it('refuses bad endpoint input with a clear 400 and stores nothing', async () => {
    const s = await setup(server);
    for (const body of [
      { url: 'ftp://example.com/x' },
      { url: 'not a url' },
      { url: 'https://example.com', events: ['order.eaten'] },
      { url: 'https://example.com', extra: true },
    ]) {
      const res = await http(server, 'POST', '/api/v1/webhooks', { token: s.owner.token, body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.message).toMatch(/url|events|extra/);
    }
    const list = await http(server, 'GET', '/api/v1/webhooks', { token: s.owner.token });
    expect(list.body.items).toHaveLength(0);
  });

  it('retries a failing endpoint with backoff and keeps one order’s events in order', async () => {
    const s = await setup(server);
    let failures = 2;
    receiver.respond = () => (failures-- > 0 ? { status: 503 } : { status: 204 });
    const endpoint = await addEndpoint(server, s.owner, `${receiver.url}/flaky`);
    await acceptedOrder(server, s, 'wh-retry');
    await receiver.waitFor(1);
    // The first event failed: nothing after it for the same order may overtake it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests.map((r) => parsed(r).type)).toEqual(['order.queued']);
    await advanceUntil(server, receiver, 2);
    const all = await advanceUntil(server, receiver, 5);
    expect(all.map((r) => parsed(r).type)).toEqual([
      'order.queued',
      'order.queued',
      'order.queued',
      'order.printing',
      'order.completed',
    ]);
    const view = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}`, { token: s.owner.token });
    expect(view.body).toMatchObject({ enabled: true, consecutiveFailures: 0, pendingDeliveries: 0 });
    const list = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, {
      token: s.owner.token,
    });
    const queued = list.body.items.find((d: { event: string }) => d.event === 'order.queued');
    const detail = await http(server, 'GET', `/api/v1/deliveries/${queued.id}`, { token: s.owner.token });
    expect(detail.body.attempts).toBe(3);
    expect(detail.body.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([204, 503, 503]);
    const metrics = await http(server, 'GET', '/metrics');
    const failed = /gcb_outbound_attempts_total\{channel="webhook",result="failed"\} (\d+)/.exec(
      metrics.text,
    );
    expect(Number(failed?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('disables an endpoint that fails for the whole retry window, visibly; redelivery works after', async () => {
    const s = await setup(server);
    receiver.respond = () => ({ status: 500 });
    const endpoint = await addEndpoint(server, s.owner, `${receiver.url}/down`, ['order.queued']);
    await http(server, 'POST', '/api/v1/orders', { apiKey: s.apiKey, body: orderBody('wh-dead') });
    await receiver.waitFor(1);
    for (let i = 0; i < 40; i += 1) {
      server.clock.advance(HOUR);
      const view = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}`, { token: s.owner.token });
      if (!view.body.enabled) break;
      await eventually(async () => {
        const res = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, {
          token: s.owner.token,
        });
        const d = res.body.items[0];
        return d.status !== 'pending' || Date.parse(d.nextAttemptAt) > server.clock.now();
      });
    }
    const view = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}`, { token: s.owner.token });
    expect(view.body.enabled).toBe(false);
    expect(view.body.disabledReason).toMatch(
      /failed deliveries over 24 h without a success \(last: HTTP 500\)/,
    );
    const list = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, {
      token: s.owner.token,
    });
    const [message] = list.body.items;
    expect(message.status).toBe('failed');
    // Retried for the whole window, not given up early (the test clock jumps an hour at a time).
    expect(message.attempts).toBeGreaterThanOrEqual(5);
    expect(Date.parse(message.lastAttemptAt) - Date.parse(message.createdAt)).toBeGreaterThanOrEqual(
      24 * HOUR,
    );

    receiver.respond = () => ({ status: 200 });
    const before = receiver.requests.length;
    await http(server, 'PATCH', `/api/v1/webhooks/${endpoint.id}`, {
      token: s.owner.token,
      body: { enabled: true },
    });
    const again = await http(server, 'POST', `/api/v1/deliveries/${message.id}/redeliver`, {
      token: s.owner.token,
    });
    expect(again.status).toBe(200);
    await receiver.waitFor(before + 1);
    await eventually(async () => {
      const res = await http(server, 'GET', `/api/v1/deliveries/${message.id}`, { token: s.owner.token });
      return res.body.status === 'delivered';
    });
  }, 120_000);

  it('keeps endpoints and deliveries private to their restaurant', async () => {
    const a = await setup(server);
    const b = await setup(server);
    const endpoint = await addEndpoint(server, a.owner, `${receiver.url}/a`);
    await http(server, 'POST', `/api/v1/webhooks/${endpoint.id}/test`, { token: a.owner.token });
    const [ping] = await receiver.waitFor(1);
    expect(parsed(ping!).type).toBe('ping');
    const list = await http(server, 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, {
      token: a.owner.token,
    });
    const deliveryId = list.body.items[0].id as number;
    for (const [method, path] of [
      ['GET', `/api/v1/webhooks/${endpoint.id}`],
      ['PATCH', `/api/v1/webhooks/${endpoint.id}`],
      ['DELETE', `/api/v1/webhooks/${endpoint.id}`],
      ['POST', `/api/v1/webhooks/${endpoint.id}/test`],
      ['POST', `/api/v1/webhooks/${endpoint.id}/rotate-secret`],
      ['GET', `/api/v1/webhooks/${endpoint.id}/deliveries`],
      ['GET', `/api/v1/deliveries/${deliveryId}`],
      ['POST', `/api/v1/deliveries/${deliveryId}/redeliver`],
    ] as const) {
      const res = await http(server, method, path, {
        token: b.owner.token,
        body: method === 'PATCH' ? {} : undefined,
      });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const bList = await http(server, 'GET', '/api/v1/webhooks', { token: b.owner.token });
    expect(bList.body.items).toEqual([]);
  });
});

describe.each(DIALECTS)('webhook outbox durability on %s', (dialect) => {
  it('survives a restart: messages written while delivery was off go out after the restart', async () => {
    const db = await freshDatabase(dialect);
    const receiver = await startReceiver();
    const first = await startServer(dialect, { ...ENV, OUTBOX_INTERVAL_MS: '0' }, db);
    try {
      const s = await setup(first);
      await addEndpoint(first, s.owner, `${receiver.url}/after-restart`, ['order.queued']);
      for (let i = 0; i < 5; i += 1) {
        await http(first, 'POST', '/api/v1/orders', { apiKey: s.apiKey, body: orderBody(`restart-${i}`) });
      }
      await first.stop();
      expect(receiver.requests).toHaveLength(0);
      const second = await startServer(dialect, ENV, db);
      try {
        const got = await receiver.waitFor(5, undefined, 30_000);
        expect(got.map((r) => parsed(r).data.order.externalId).sort()).toEqual([
          'restart-0',
          'restart-1',
          'restart-2',
          'restart-3',
          'restart-4',
        ]);
      } finally {
        await second.stop();
      }
    } finally {
      await receiver.close();
      await db.drop();
    }
  });
});

describe('two API instances on one MariaDB', () => {
  it('deliver each webhook message exactly once', async () => {
    const db = await freshDatabase('mysql');
    const receiver = await startReceiver();
    const a = await startServer('mysql', { ...ENV, OUTBOX_INTERVAL_MS: '0' }, db);
    try {
      const s = await setup(a);
      await addEndpoint(a, s.owner, `${receiver.url}/once`, ['order.queued']);
      for (let i = 0; i < 40; i += 1) {
        await http(a, 'POST', '/api/v1/orders', { apiKey: s.apiKey, body: orderBody(`twin-${i}`) });
      }
      await a.stop();
      // Both start with 40 due messages and race for them.
      const [one, two] = await Promise.all([startServer('mysql', ENV, db), startServer('mysql', ENV, db)]);
      try {
        await receiver.waitFor(40, undefined, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const deliveries = receiver.requests.map((r) => r.headers['x-gcb-delivery']);
        expect(deliveries).toHaveLength(40);
        expect(new Set(deliveries).size).toBe(40);
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    } finally {
      await receiver.close();
      await db.drop();
    }
  });
});
