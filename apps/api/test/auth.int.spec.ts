import { AuthService } from '../src/modules/auth/auth.service';
import {
  createApiKey,
  createPrinter,
  DIALECTS,
  http,
  orderBody,
  signup,
  startServer,
  type TestServer,
} from './harness';

describe.each(DIALECTS)('accounts, roles and API keys on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(dialect);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('signs up a restaurant owner and logs in with the same credentials', async () => {
    const res = await http(server, 'POST', '/api/v1/auth/signup', {
      body: {
        restaurantName: 'Trattoria Èlite',
        email: 'Chef@Example.com',
        password: 'correct horse battery',
        locale: 'it',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^gcs_[A-Za-z0-9_-]{43}$/);
    expect(res.body.tenant).toMatchObject({
      name: 'Trattoria Èlite',
      locale: 'it',
      intakeRule: 'manual-confirmation',
    });
    expect(res.body.user).toMatchObject({ email: 'chef@example.com', role: 'owner' });
    expect(res.headers.get('set-cookie')).toMatch(/gcb_session=.*HttpOnly/i);

    const login = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email: 'chef@example.com', password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    const me = await http(server, 'GET', '/api/v1/auth/me', { token: login.body.token });
    expect(me.body.tenant.id).toBe(res.body.tenant.id);
    const cookie = await http(server, 'GET', '/api/v1/auth/me', {
      headers: { cookie: `gcb_session=${login.body.token}` },
    });
    expect(cookie.status).toBe(200);

    const dup = await http(server, 'POST', '/api/v1/auth/signup', {
      body: { restaurantName: 'Other', email: 'chef@example.com', password: 'correct horse battery' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
  });

  it('rejects bad signups and wrong passwords with clear messages', async () => {
    const bad = await http(server, 'POST', '/api/v1/auth/signup', {
      body: { restaurantName: '', email: 'not-an-email', password: 'short', admin: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'admin',
      'email',
      'password',
      'restaurantName',
    ]);
    const owner = await signup(server);
    const wrong = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: 'wrong password!' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password' });
    const unknown = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'x' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('requires a session everywhere but signup, login, health and the printer edge', async () => {
    for (const path of [
      '/api/v1/printers',
      '/api/v1/orders',
      '/api/v1/api-keys',
      '/api/v1/tenant',
      '/api/v1/auth/me',
    ]) {
      const res = await http(server, 'GET', path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    const bogus = await http(server, 'GET', '/api/v1/printers', { token: 'gcs_forged' });
    expect(bogus.status).toBe(401);
    expect((await http(server, 'GET', '/health')).status).toBe(200);
    expect((await http(server, 'GET', '/ready')).body).toMatchObject({ status: 'ready' });
  });

  it('logout ends the session', async () => {
    const owner = await signup(server);
    expect((await http(server, 'POST', '/api/v1/auth/logout', { token: owner.token })).status).toBe(204);
    expect((await http(server, 'GET', '/api/v1/auth/me', { token: owner.token })).status).toBe(401);
  });

  it('shows an API key once, stores only its hash, and stops it when revoked', async () => {
    const owner = await signup(server);
    await createPrinter(server, owner);
    const created = await http(server, 'POST', '/api/v1/api-keys', {
      token: owner.token,
      body: { name: 'WooCommerce' },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^gck_[A-Za-z0-9_-]{43}$/);
    const list = await http(server, 'GET', '/api/v1/api-keys', { token: owner.token });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, prefix: created.body.key.slice(0, 10) }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    const rows: { keyHash: string }[] = await server.bridge.dataSource.query('SELECT keyHash FROM api_keys');
    expect(rows.some((row) => row.keyHash.includes(created.body.key))).toBe(false);

    const order = await http(server, 'POST', '/api/v1/orders', {
      apiKey: created.body.key,
      body: orderBody('k-1'),
    });
    expect(order.status).toBe(201);
    // The same key as a Bearer token, as most HTTP clients send one.
    const asBearer = await http(server, 'POST', '/api/v1/orders', {
      token: created.body.key,
      body: orderBody('k-bearer'),
    });
    expect(asBearer.status).toBe(201);
    const notForKeys = await http(server, 'GET', '/api/v1/printers', { apiKey: created.body.key });
    expect(notForKeys.status).toBe(403);
    const notForBearerKeys = await http(server, 'GET', '/api/v1/printers', { token: created.body.key });
    expect(notForBearerKeys.status).toBe(403);
    const revoked = await http(server, 'POST', `/api/v1/api-keys/${created.body.id}/revoke`, {
      token: owner.token,
    });
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await http(server, 'POST', '/api/v1/orders', {
      apiKey: created.body.key,
      body: orderBody('k-2'),
    });
    expect(after.status).toBe(401);
    const afterBearer = await http(server, 'POST', '/api/v1/orders', {
      token: created.body.key,
      body: orderBody('k-3'),
    });
    expect(afterBearer.status).toBe(401);
  });

  it('lets staff run the queue but not manage printers, keys or settings', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const staffEmail = `staff-${Date.now()}@example.com`;
    const created = await http(server, 'POST', '/api/v1/users', {
      token: owner.token,
      body: { email: staffEmail, password: 'kitchen staff 123', role: 'staff' },
    });
    expect(created.status).toBe(201);
    const login = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email: staffEmail, password: 'kitchen staff 123' },
    });
    const staff = login.body.token as string;
    expect((await http(server, 'GET', `/api/v1/printers/${printer.id}/queue`, { token: staff })).status).toBe(
      200,
    );
    expect(
      (await http(server, 'POST', '/api/v1/printers', { token: staff, body: { name: 'X' } })).status,
    ).toBe(403);
    expect(
      (await http(server, 'POST', '/api/v1/api-keys', { token: staff, body: { name: 'X' } })).status,
    ).toBe(403);
    expect(
      (await http(server, 'PATCH', '/api/v1/tenant', { token: staff, body: { name: 'X' } })).status,
    ).toBe(403);
    expect((await http(server, 'DELETE', `/api/v1/printers/${printer.id}`, { token: staff })).status).toBe(
      403,
    );
  });

  it('support users (created outside the API) see every restaurant and can act on queues', async () => {
    const a = await signup(server, 'Alpha');
    const b = await signup(server, 'Beta');
    const printerB = await createPrinter(server, b);
    const keyB = await createApiKey(server, b);
    const order = await http(server, 'POST', '/api/v1/orders', { apiKey: keyB, body: orderBody('s-1') });
    const supportEmail = `support-${Date.now()}@example.com`;
    await server.bridge.app.get(AuthService).createUser(null, 'support', supportEmail, 'support password 1');
    const login = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email: supportEmail, password: 'support password 1' },
    });
    const support = login.body.token as string;
    const tenants = await http(server, 'GET', '/api/v1/tenants', { token: support });
    expect(tenants.body.items.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([a.tenantId, b.tenantId]),
    );
    const found = await http(server, 'GET', `/api/v1/orders?externalId=s-1&tenantId=${b.tenantId}`, {
      token: support,
    });
    expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([order.body.id]);
    expect(
      (await http(server, 'GET', `/api/v1/printers/${printerB.id}/queue`, { token: support })).status,
    ).toBe(200);
    const cancel = await http(server, 'POST', `/api/v1/orders/${order.body.id}/cancel`, {
      token: support,
      body: { note: 'duplicate order' },
    });
    expect(cancel.status).toBe(200);
    const create = await http(server, 'POST', '/api/v1/orders', { token: support, body: orderBody('s-2') });
    expect(create.status).toBe(400);
    expect(create.body.code).toBe('tenant_required');
    // Owners only ever see themselves.
    const own = await http(server, 'GET', '/api/v1/tenants', { token: a.token });
    expect(own.body.items.map((t: { id: string }) => t.id)).toEqual([a.tenantId]);
  });

  it('rate-limits login and signup attempts with 429', async () => {
    const limited = await startServer(dialect, { AUTH_ATTEMPTS_PER_MINUTE: '8' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const res = await http(limited, 'POST', '/api/v1/auth/login', {
          body: { email: 'brute@example.com', password: `guess-${i}` },
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
      expect(statuses.slice(8)).toEqual(Array(4).fill(429));
      // Signup has its own budget per client.
      const signups: number[] = [];
      for (let i = 0; i < 9; i += 1) {
        const res = await http(limited, 'POST', '/api/v1/auth/signup', {
          body: { restaurantName: 'X', email: `x${i}@example.com`, password: 'correct horse battery' },
        });
        signups.push(res.status);
      }
      expect(signups).toEqual([...Array(8).fill(201), 429]);
    } finally {
      await limited.stop();
    }
  });
});
