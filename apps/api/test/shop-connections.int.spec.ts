import { createHmac } from 'node:crypto';
import { AuthService } from '../src/modules/auth/auth.service';
import {
  createPrinter,
  DIALECTS,
  http,
  signup,
  startServer,
  type TestServer,
  type TestTenant,
} from './harness';

const ENV = { OUTBOX_INTERVAL_MS: '50', ALLOW_PRIVATE_TARGETS: 'true', SHOP_POLL_SECONDS: '0' };

const woo = (overrides: Record<string, unknown> = {}) => ({
  platform: 'woocommerce',
  name: 'Pizzeria shop',
  siteUrl: 'http://127.0.0.1:9/shop',
  consumerKey: 'ck_0123456789abcdef',
  consumerSecret: 'cs_fedcba9876543210',
  ...overrides,
});

async function connect(server: TestServer, owner: TestTenant, body: Record<string, unknown> = woo()) {
  const res = await http(server, 'POST', '/api/v1/connections', { token: owner.token, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; webhookUrl: string; webhookSecret: string };
}

describe.each(DIALECTS)('shop connections on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(dialect, ENV);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('connects a WooCommerce store: URL and secret once, credentials never shown again', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const created = await connect(server, owner, woo({ printerId: printer.id }));
    expect(created.webhookUrl).toBe(`${server.baseUrl}/hooks/woocommerce/${created.id}`);
    expect(created.webhookSecret).toMatch(/^[\w-]{40,}$/);

    const view = await http(server, 'GET', `/api/v1/connections/${created.id}`, { token: owner.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      platform: 'woocommerce',
      printerId: printer.id,
      enabled: true,
      pickupMethods: ['local_pickup', 'legacy_local_pickup', 'pickup_location'],
      credentialHints: { consumerKey: 'ck_…cdef', consumerSecret: 'cs_…3210' },
      health: {
        lastOrderAt: null,
        lastPushAt: null,
        consecutiveFailures: 0,
        pendingPushes: 0,
        failedPushes: 0,
      },
    });
    expect(view.text).not.toContain(created.webhookSecret);
    expect(view.text).not.toContain('cs_fedcba9876543210');
    const list = await http(server, 'GET', '/api/v1/connections', { token: owner.token });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([created.id]);
  });

  it('refuses incomplete or bad connections with a 400 naming the field, storing nothing', async () => {
    const owner = await signup(server);
    const other = await signup(server);
    const foreignPrinter = await createPrinter(server, other);
    const cases: { body: Record<string, unknown>; field: RegExp }[] = [
      { body: woo({ consumerKey: undefined }), field: /consumerKey is required/ },
      { body: woo({ platform: 'shopify' }), field: /platform/ },
      { body: woo({ siteUrl: 'ftp://shop' }), field: /siteUrl must use http or https/ },
      { body: woo({ siteUrl: 'nope' }), field: /siteUrl is not an absolute URL/ },
      { body: woo({ printerId: foreignPrinter.id }), field: /printerId is not one of your printers/ },
      { body: woo({ name: '' }), field: /name/ },
      { body: woo({ unknownField: 1 }), field: /unknownField/ },
      {
        body: { platform: 'framework360', name: 'F', siteUrl: 'http://127.0.0.1:9/m/api/' },
        field: /apiKey is required/,
      },
    ];
    for (const { body, field } of cases) {
      const res = await http(server, 'POST', '/api/v1/connections', { token: owner.token, body });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      expect(res.body.message).toMatch(field);
    }
    const list = await http(server, 'GET', '/api/v1/connections', { token: owner.token });
    expect(list.body.items).toEqual([]);
  });

  it('answers unknown connections 404 and bad signatures 401, and notes the refusal in health', async () => {
    const owner = await signup(server);
    const created = await connect(server, owner);
    const body = JSON.stringify({ id: 1, status: 'processing' });
    const unknown = await http(server, 'POST', `/hooks/woocommerce/00000000-0000-0000-0000-000000000000`, {
      rawBody: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unknown.status).toBe(404);
    const forged = createHmac('sha256', 'not-the-secret').update(body).digest('base64');
    const bad = await http(server, 'POST', `/hooks/woocommerce/${created.id}`, {
      rawBody: body,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-signature': forged,
        'x-wc-webhook-topic': 'order.created',
      },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('invalid_signature');
    const view = await http(server, 'GET', `/api/v1/connections/${created.id}`, { token: owner.token });
    expect(view.body.health.lastError).toMatch(/^Refused a delivery/);
    const orders = await http(server, 'GET', '/api/v1/orders', { token: owner.token });
    expect(orders.body.items).toEqual([]);
    const inbound = await http(server, 'GET', `/api/v1/connections/${created.id}/inbound`, {
      token: owner.token,
    });
    expect(inbound.body.items).toEqual([]);
  });

  it('updates settings and credentials, rotates the secret, and disconnects', async () => {
    const owner = await signup(server);
    const created = await connect(server, owner);
    const patched = await http(server, 'PATCH', `/api/v1/connections/${created.id}`, {
      token: owner.token,
      body: {
        name: 'Renamed',
        consumerSecret: 'cs_new_secret_9999',
        pickupMethods: ['my_pickup'],
        enabled: false,
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Renamed',
      enabled: false,
      pickupMethods: ['my_pickup'],
      credentialHints: { consumerSecret: 'cs_…9999' },
    });
    const rotated = await http(server, 'POST', `/api/v1/connections/${created.id}/rotate-secret`, {
      token: owner.token,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).not.toBe(created.webhookSecret);
    const removed = await http(server, 'DELETE', `/api/v1/connections/${created.id}`, { token: owner.token });
    expect(removed.status).toBe(204);
    const gone = await http(server, 'GET', `/api/v1/connections/${created.id}`, { token: owner.token });
    expect(gone.status).toBe(404);
    const hook = await http(server, 'POST', `/hooks/woocommerce/${created.id}`, {
      rawBody: 'webhook_id=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(hook.status).toBe(404);
  });

  it('lets support narrow connections, webhooks and printers to one restaurant; owners only their own', async () => {
    const a = await signup(server);
    const b = await signup(server);
    const printerA = await createPrinter(server, a);
    await createPrinter(server, b);
    const shopA = await connect(server, a);
    await connect(server, b);
    const hookA = await http(server, 'POST', '/api/v1/webhooks', {
      token: a.token,
      body: { url: 'https://a.example/h' },
    });
    await http(server, 'POST', '/api/v1/webhooks', { token: b.token, body: { url: 'https://b.example/h' } });

    const email = `support-filter-${Date.now()}@example.com`;
    await server.bridge.app.get(AuthService).createUser(null, 'support', email, 'support password 1');
    const login = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'support password 1' },
    });
    const support = login.body.token as string;

    const ids = async (path: string, token: string) => {
      const res = await http(server, 'GET', path, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((row: { id: string; tenantId: string }) => `${row.tenantId}/${row.id}`);
    };
    expect(await ids(`/api/v1/connections?tenantId=${a.tenantId}`, support)).toEqual([
      `${a.tenantId}/${shopA.id}`,
    ]);
    expect(await ids(`/api/v1/webhooks?tenantId=${a.tenantId}`, support)).toEqual([
      `${a.tenantId}/${hookA.body.id}`,
    ]);
    expect(await ids(`/api/v1/printers?tenantId=${a.tenantId}`, support)).toEqual([
      `${a.tenantId}/${printerA.id}`,
    ]);
    expect((await ids('/api/v1/connections', support)).length).toBeGreaterThanOrEqual(2);
    expect(await ids(`/api/v1/connections?tenantId=${a.tenantId}`, a.token)).toEqual([
      `${a.tenantId}/${shopA.id}`,
    ]);
    for (const path of ['/api/v1/connections', '/api/v1/webhooks', '/api/v1/printers']) {
      const res = await http(server, 'GET', `${path}?tenantId=${a.tenantId}`, { token: b.token });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it('keeps connections private to their restaurant', async () => {
    const a = await signup(server);
    const b = await signup(server);
    const created = await connect(server, a);
    for (const [method, path] of [
      ['GET', `/api/v1/connections/${created.id}`],
      ['PATCH', `/api/v1/connections/${created.id}`],
      ['DELETE', `/api/v1/connections/${created.id}`],
      ['POST', `/api/v1/connections/${created.id}/rotate-secret`],
      ['GET', `/api/v1/connections/${created.id}/deliveries`],
      ['GET', `/api/v1/connections/${created.id}/inbound`],
      ['GET', `/api/v1/connections/${created.id}/statuses`],
      ['POST', `/api/v1/connections/${created.id}/poll`],
    ] as const) {
      const res = await http(server, method, path, {
        token: b.token,
        body: method === 'PATCH' ? {} : undefined,
      });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const list = await http(server, 'GET', '/api/v1/connections', { token: b.token });
    expect(list.body.items).toEqual([]);
  });
});
