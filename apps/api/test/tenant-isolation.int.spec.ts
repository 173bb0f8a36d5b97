import {
  callback,
  createApiKey,
  createPrinter,
  DIALECTS,
  http,
  orderBody,
  poll,
  signup,
  startServer,
  type TestServer,
  wireOrderId,
} from './harness';

/**
 * Restaurant B must not be able to see or touch anything of restaurant A: every endpoint that takes
 * an id answers 404 (never 403), so not even existence leaks. Listings never show A's rows.
 */
describe.each(DIALECTS)('tenant isolation on %s', (dialect) => {
  let server: TestServer;
  let ids: { printer: string; order: string; apiKey: string; otherPrinterOfA: string; tenant: string };
  let tokenB: string;
  let apiKeyB: string;
  let printerB: string;
  let printerA: Awaited<ReturnType<typeof createPrinter>>;

  beforeAll(async () => {
    server = await startServer(dialect);
    const a = await signup(server, 'Alpha');
    printerA = await createPrinter(server, a);
    const other = await createPrinter(server, a, { name: 'Bar' });
    const keyA = await createApiKey(server, a);
    const order = await http(server, 'POST', '/api/v1/orders', { apiKey: keyA, body: orderBody('iso-1') });
    const keys = await http(server, 'GET', '/api/v1/api-keys', { token: a.token });
    ids = {
      printer: printerA.id,
      order: order.body.id,
      apiKey: keys.body.items[0].id,
      otherPrinterOfA: other.id,
      tenant: a.tenantId,
    };

    const b = await signup(server, 'Beta');
    tokenB = b.token;
    apiKeyB = await createApiKey(server, b);
    printerB = (await createPrinter(server, b)).id;
  });

  afterAll(async () => {
    await server.stop();
  });

  const endpoints: { method: string; what: string; path: (i: typeof ids) => string; body?: unknown }[] = [
    { method: 'GET', what: 'printer', path: (i) => `/api/v1/printers/${i.printer}` },
    {
      method: 'PATCH',
      what: 'printer',
      path: (i) => `/api/v1/printers/${i.printer}`,
      body: { name: 'Hacked' },
    },
    { method: 'POST', what: 'rotate token', path: (i) => `/api/v1/printers/${i.printer}/rotate-token` },
    { method: 'GET', what: 'printer log', path: (i) => `/api/v1/printers/${i.printer}/events` },
    { method: 'GET', what: 'queue', path: (i) => `/api/v1/printers/${i.printer}/queue` },
    { method: 'POST', what: 'test order', path: (i) => `/api/v1/printers/${i.printer}/test-order` },
    { method: 'DELETE', what: 'printer', path: (i) => `/api/v1/printers/${i.printer}?pendingOrders=cancel` },
    { method: 'GET', what: 'order', path: (i) => `/api/v1/orders/${i.order}` },
    { method: 'POST', what: 'cancel order', path: (i) => `/api/v1/orders/${i.order}/cancel`, body: {} },
    { method: 'POST', what: 'serve again', path: (i) => `/api/v1/orders/${i.order}/serve-again` },
    {
      method: 'POST',
      what: 'move order',
      path: (i) => `/api/v1/orders/${i.order}/move`,
      body: { printerId: 'x' },
    },
    { method: 'POST', what: 'revoke key', path: (i) => `/api/v1/api-keys/${i.apiKey}/revoke` },
    { method: 'GET', what: 'restaurant', path: (i) => `/api/v1/tenants/${i.tenant}` },
  ];

  it.each(endpoints)('$method $what of another restaurant is 404', async ({ method, path, body }) => {
    const res = await http(server, method, path(ids), { token: tokenB, body });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it("answers 404 when B's API key reads or cancels A's order", async () => {
    expect((await http(server, 'GET', `/api/v1/orders/${ids.order}`, { apiKey: apiKeyB })).status).toBe(404);
    expect(
      (await http(server, 'POST', `/api/v1/orders/${ids.order}/cancel`, { apiKey: apiKeyB, body: {} }))
        .status,
    ).toBe(404);
  });

  it("cannot send an order to A's printer or move its own order onto it", async () => {
    const res = await http(server, 'POST', '/api/v1/orders', {
      apiKey: apiKeyB,
      body: orderBody('iso-b', { printerId: ids.printer }),
    });
    expect(res.status).toBe(404);
    const own = await http(server, 'POST', '/api/v1/orders', { apiKey: apiKeyB, body: orderBody('iso-b2') });
    expect(own.status).toBe(201);
    const move = await http(server, 'POST', `/api/v1/orders/${own.body.id}/move`, {
      token: tokenB,
      body: { printerId: ids.printer },
    });
    expect(move.status).toBe(404);
    const moveToOwn = await http(
      server,
      'DELETE',
      `/api/v1/printers/${printerB}?pendingOrders=move&targetPrinterId=${ids.otherPrinterOfA}`,
      {
        token: tokenB,
      },
    );
    expect(moveToOwn.status).toBe(404);
  });

  it("never lists A's rows to B", async () => {
    for (const path of [
      '/api/v1/printers',
      '/api/v1/orders',
      '/api/v1/api-keys',
      '/api/v1/orders?externalId=iso-1',
    ]) {
      const res = await http(server, 'GET', path, { token: tokenB });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(ids.printer);
      expect(JSON.stringify(res.body)).not.toContain(ids.order);
      expect(JSON.stringify(res.body)).not.toContain(ids.apiKey);
    }
    const filtered = await http(server, 'GET', `/api/v1/orders?printerId=${ids.printer}`, { token: tokenB });
    expect(filtered.body.items).toHaveLength(0);
  });

  it("a printer's callback cannot answer another restaurant's order with the same number", async () => {
    // Both restaurants number their orders from 1: B's printer answering "1" must not touch A's order 1.
    const wireB = (
      await poll(
        server,
        (await http(server, 'GET', `/api/v1/printers/${printerB}`, { token: tokenB })).body.pollUrl,
      )
    ).text;
    expect(wireOrderId(wireB)).toBe('1');
    const viewB = await http(server, 'GET', `/api/v1/printers/${printerB}`, { token: tokenB });
    await callback(server, viewB.body.callbackUrl, { o: '1', ak: 'Rejected', m: 'NOPE' });
    const aOrder = await http(server, 'GET', '/api/v1/orders?number=1', { token: tokenB });
    expect(aOrder.body.items[0].status).toBe('cancelled');
    // A's order 1 is still waiting for A's printer.
    const wireA = (await poll(server, printerA.pollUrl)).text;
    expect(wireOrderId(wireA)).toBe('1');
  });
});
