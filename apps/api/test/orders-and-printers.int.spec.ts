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
  type TestTenant,
  wireOrderId,
} from './harness';

describe.each(DIALECTS)('orders, printers and the printer edge on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(dialect);
  });

  afterAll(async () => {
    await server.stop();
  });

  async function restaurant(name = 'Pizzeria') {
    const owner = await signup(server, name);
    const printer = await createPrinter(server, owner);
    const apiKey = await createApiKey(server, owner);
    return { owner, printer, apiKey };
  }

  async function orderOf(owner: TestTenant, id: string) {
    const res = await http(server, 'GET', `/api/v1/orders/${id}`, { token: owner.token });
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('printers', () => {
    it('creates a printer with absolute URLs holding a long random token and device settings', async () => {
      const owner = await signup(server);
      const printer = await createPrinter(server, owner);
      expect(printer.pollUrl).toMatch(new RegExp(`^${server.baseUrl}/gc/[A-Za-z0-9_-]{32}/order$`));
      expect(printer.callbackUrl).toBe(printer.pollUrl.replace(/order$/, 'callback'));
      expect(printer.device).toEqual({
        resId: expect.stringMatching(/^\d{6}$/),
        username: expect.stringMatching(/^gc\d{6}$/),
        password: expect.stringMatching(/^\d{8}$/),
        pollIntervalSeconds: 10,
      });
      const list = await http(server, 'GET', '/api/v1/printers', { token: owner.token });
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({
        id: printer.id,
        online: false,
        queueDepth: 0,
        isDefault: true,
      });
      expect(list.body.items[0].pollUrl).toBe(printer.pollUrl);
    });

    it('validates settings and names the bad field', async () => {
      const owner = await signup(server);
      const printer = await createPrinter(server, owner);
      const bad = await http(server, 'PATCH', `/api/v1/printers/${printer.id}`, {
        token: owner.token,
        body: { newlineToken: '#', pollIntervalSeconds: 0, timeZone: 'Mars/Base' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation_failed');
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'newlineToken',
        'pollIntervalSeconds',
        'timeZone',
      ]);
      const ok = await http(server, 'PATCH', `/api/v1/printers/${printer.id}`, {
        token: owner.token,
        body: {
          textPolicy: 'ascii',
          currencyPrefix: 'EUR ',
          timeZone: 'Europe/Rome',
          pollIntervalSeconds: 5,
        },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.settings).toMatchObject({
        textPolicy: 'ascii',
        currencyPrefix: 'EUR ',
        timeZone: 'Europe/Rome',
      });
    });

    it('rotating the token stops the old URLs at once', async () => {
      const { owner, printer } = await restaurant();
      expect((await poll(server, printer.pollUrl)).status).toBe(200);
      const rotated = await http(server, 'POST', `/api/v1/printers/${printer.id}/rotate-token`, {
        token: owner.token,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.pollUrl).not.toBe(printer.pollUrl);
      const old = await poll(server, printer.pollUrl);
      expect(old.status).toBe(404);
      expect(old.text).toBe('');
      expect((await poll(server, rotated.body.pollUrl)).status).toBe(200);
    });

    it('refuses to delete a printer while orders wait, unless told to move or cancel them', async () => {
      const { owner, printer, apiKey } = await restaurant();
      const other = await createPrinter(server, owner, { name: 'Bar' });
      const order = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('del-1', { printerId: printer.id }),
      });
      expect(order.status).toBe(201);
      const refused = await http(server, 'DELETE', `/api/v1/printers/${printer.id}`, { token: owner.token });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('printer_has_orders');
      const moved = await http(
        server,
        'DELETE',
        `/api/v1/printers/${printer.id}?pendingOrders=move&targetPrinterId=${other.id}`,
        { token: owner.token },
      );
      expect(moved.status).toBe(204);
      expect((await poll(server, printer.pollUrl)).status).toBe(404);
      expect((await orderOf(owner, order.body.id)).printerId).toBe(other.id);
      const served = await poll(server, other.pollUrl);
      expect(wireOrderId(served.text)).toBe(String(order.body.number));
    });
  });

  describe('intake', () => {
    it('queues a cash-on-delivery order and stores money in exact minor units', async () => {
      const { apiKey, printer } = await restaurant();
      const res = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('woo-100') });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        externalId: 'woo-100',
        status: 'queued',
        printerId: printer.id,
        total: '21.50',
        deliveryFee: '2.00',
        requestedAt: '2026-11-29T18:30:00.000Z',
      });
      expect(res.body.items[0]).toEqual({
        name: 'Pizza Margherita',
        quantity: 2,
        unitPrice: '7.50',
        options: [{ name: 'Extra mozzarella', price: '1.00' }],
        note: null,
      });
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['received', 'queued']);
    });

    it('is idempotent on externalId, also when identical requests race', async () => {
      const { apiKey, owner, printer } = await restaurant();
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('race-1') }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(7);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const again = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('race-1') });
      expect(again.status).toBe(200);
      const list = await http(server, 'GET', '/api/v1/orders?externalId=race-1', { token: owner.token });
      expect(list.body.items).toHaveLength(1);
      const queue = await http(server, 'GET', `/api/v1/printers/${printer.id}/queue`, { token: owner.token });
      expect(queue.body.waiting).toHaveLength(1);
    });

    it('applies the intake rule: paid delivery is skipped, pickup and flagged orders are queued', async () => {
      const { apiKey, owner } = await restaurant();
      const paid = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('rule-1', { paymentMethod: 'stripe', paid: true }),
      });
      expect(paid.body.status).toBe('skipped');
      const pickup = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('rule-2', { type: 'pickup', paymentMethod: 'stripe', paid: true }),
      });
      expect(pickup.body.status).toBe('queued');
      const flagged = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('rule-3', { paymentMethod: 'paypal', paid: true, requiresConfirmation: true }),
      });
      expect(flagged.body.status).toBe('queued');
      const italianCash = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('rule-4', { paymentMethod: 'Contrassegno' }),
      });
      expect(italianCash.body.status).toBe('queued');
      const switched = await http(server, 'PATCH', '/api/v1/tenant', {
        token: owner.token,
        body: { intakeRule: 'all' },
      });
      expect(switched.status).toBe(200);
      const everything = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('rule-5', { paymentMethod: 'stripe', paid: true }),
      });
      expect(everything.body.status).toBe('queued');
    });

    it('records a total that does not match the lines as a warning, and prints it as given', async () => {
      const { apiKey } = await restaurant();
      const res = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('sum-1', { total: '99.00' }),
      });
      expect(res.status).toBe(201);
      const warning = res.body.events.find((e: { type: string }) => e.type === 'total_mismatch');
      expect(warning.data).toEqual({ expected: 2150, given: 9900 });
    });

    it.each([
      ['an unknown field', { color: 'red' }, 'color'],
      ['a negative price', { items: [{ name: 'x', quantity: 1, unitPrice: -1 }] }, 'items.0.unitPrice'],
      ['a zero quantity', { items: [{ name: 'x', quantity: 0, unitPrice: 1 }] }, 'items.0.quantity'],
      ['an absurd quantity', { items: [{ name: 'x', quantity: 1e9, unitPrice: 1 }] }, 'items.0.quantity'],
      ['too many decimals', { total: '7.555' }, 'total'],
      ['a huge amount', { total: 1e12 }, 'total'],
      ['a wrong type', { items: 'pizza' }, 'items'],
      ['a bad type value', { type: 'drone' }, 'type'],
      ['an oversized note', { notes: 'x'.repeat(1001) }, 'notes'],
      ['a bad date', { requestedAt: 'tomorrow' }, 'requestedAt'],
      ['an impossible date', { requestedAt: '2026-02-31T25:99:00Z' }, 'requestedAt'],
      [
        'too many items',
        { items: Array.from({ length: 201 }, () => ({ name: 'x', quantity: 1, unitPrice: 1 })) },
        'items',
      ],
      ['a missing externalId', { externalId: undefined }, 'externalId'],
    ])('rejects %s with 400 naming the field, storing nothing', async (_label, overrides, field) => {
      const { apiKey, owner } = await restaurant();
      const res = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('bad-1', overrides),
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.message).toContain(field.split('.').pop());
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      const list = await http(server, 'GET', '/api/v1/orders', { token: owner.token });
      expect(list.body.items).toHaveLength(0);
    });

    it('rejects malformed JSON, wrong content types and oversized bodies with clear 4xx codes', async () => {
      const { apiKey, owner } = await restaurant();
      const malformed = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        rawBody: '{"externalId": "x", "items": [',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('malformed_json');
      const form = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        rawBody: 'externalId=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(415);
      const huge = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('huge-1', { notes: 'x'.repeat(400 * 1024) }),
      });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('payload_too_large');
      const list = await http(server, 'GET', '/api/v1/orders', { token: owner.token });
      expect(list.body.items).toHaveLength(0);
    });

    it('answers 409 when the restaurant has no printer yet, storing nothing', async () => {
      const owner = await signup(server);
      const apiKey = await createApiKey(server, owner);
      const res = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('np-1') });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('no_printer');
    });

    it('lists orders newest first with filters and cursor pagination', async () => {
      const { apiKey, owner } = await restaurant();
      for (let i = 1; i <= 5; i += 1) {
        await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody(`page-${i}`) });
        server.clock.advance(1000);
      }
      const first = await http(server, 'GET', '/api/v1/orders?limit=2', { token: owner.token });
      expect(first.body.items.map((o: { externalId: string }) => o.externalId)).toEqual(['page-5', 'page-4']);
      const second = await http(server, 'GET', `/api/v1/orders?limit=2&cursor=${first.body.nextCursor}`, {
        token: owner.token,
      });
      expect(second.body.items.map((o: { externalId: string }) => o.externalId)).toEqual([
        'page-3',
        'page-2',
      ]);
      const third = await http(server, 'GET', `/api/v1/orders?limit=2&cursor=${second.body.nextCursor}`, {
        token: owner.token,
      });
      expect(third.body.items.map((o: { externalId: string }) => o.externalId)).toEqual(['page-1']);
      expect(third.body.nextCursor).toBeNull();
      const bad = await http(server, 'GET', '/api/v1/orders?status=lost', { token: owner.token });
      expect(bad.status).toBe(400);
      const queued = await http(server, 'GET', '/api/v1/orders?status=queued,printing&number=3', {
        token: owner.token,
      });
      expect(queued.body.items.map((o: { externalId: string }) => o.externalId)).toEqual(['page-3']);
    });
  });

  describe('the printer edge', () => {
    it('answers an idle poll with an empty, uncacheable 200 and an unknown token with an empty 404', async () => {
      const { printer, owner } = await restaurant();
      const idle = await poll(server, printer.pollUrl);
      expect(idle.status).toBe(200);
      expect(idle.text).toBe('');
      expect(idle.headers.get('cache-control')).toBe('no-store');
      expect(idle.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const unknown = await poll(server, `${server.baseUrl}/gc/${'x'.repeat(32)}/order`);
      expect(unknown.status).toBe(404);
      expect(unknown.text).toBe('');
      const view = await http(server, 'GET', `/api/v1/printers/${printer.id}`, { token: owner.token });
      expect(view.body.online).toBe(true);
      expect(view.body.lastPollAt).not.toBeNull();
    });

    it('serves the oldest order byte for byte until it is answered, then the next one', async () => {
      const { printer, apiKey, owner } = await restaurant();
      const first = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('fifo-1') });
      server.clock.advance(10);
      const second = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('fifo-2') });
      const a = await poll(server, printer.pollUrl);
      const b = await poll(server, printer.pollUrl);
      expect(a.status).toBe(200);
      expect(a.text).toMatch(/^#.*#$/);
      expect(b.text).toBe(a.text);
      expect(wireOrderId(a.text)).toBe(String(first.body.number));
      const served = await orderOf(owner, first.body.id);
      expect(served).toMatchObject({ status: 'printing', serveCount: 2 });
      expect(served.wire).toBe(a.text);
      expect(served.events.filter((e: { type: string }) => e.type === 'served')).toHaveLength(1);

      const accepted = await callback(server, printer.callbackUrl, {
        o: wireOrderId(a.text),
        ak: 'Accepted',
        m: 'OK',
        dt: '19:45',
      });
      expect(accepted.status).toBe(200);
      expect(accepted.headers.get('more-orders')).toBe('1');
      const done = await orderOf(owner, first.body.id);
      expect(done.status).toBe('completed');
      expect(done.notes).toHaveLength(1);
      expect(done.notes[0].text).toMatch(/^Accepted on the printer at \d{2}:\d{2}, ready for 19:45$/);
      expect(done.notes[0].author).toBe('printer');

      const next = await poll(server, printer.pollUrl);
      expect(wireOrderId(next.text)).toBe(String(second.body.number));
      const rejected = await callback(server, printer.callbackUrl, {
        o: wireOrderId(next.text),
        ak: 'Rejected',
        m: 'TOO BUSY',
        dt: '20:01',
      });
      expect(rejected.headers.get('more-orders')).toBeNull();
      const cancelled = await orderOf(owner, second.body.id);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.notes[0].text).toMatch(/^Rejected on the printer at \d{2}:\d{2}: TOO BUSY$/);
      expect((await poll(server, printer.pollUrl)).text).toBe('');
    });

    it('treats a repeated or misdirected callback as a no-op answered 200', async () => {
      const { printer, apiKey, owner } = await restaurant();
      const order = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('dup-1') });
      const wire = (await poll(server, printer.pollUrl)).text;
      const params = { o: wireOrderId(wire), ak: 'Accepted', m: 'OK', dt: '19:45' };
      expect((await callback(server, printer.callbackUrl, params)).status).toBe(200);
      const before = await orderOf(owner, order.body.id);
      const again = await callback(server, printer.callbackUrl, params);
      expect(again.status).toBe(200);
      const flipped = await callback(server, printer.callbackUrl, { ...params, ak: 'Rejected', m: 'LATE' });
      expect(flipped.status).toBe(200);
      const after = await orderOf(owner, order.body.id);
      expect(after.status).toBe('completed');
      expect(after.events).toEqual(before.events);
      expect(after.notes).toEqual(before.notes);
      const unknown = await callback(server, printer.callbackUrl, { o: '999999', ak: 'Accepted' });
      expect(unknown.status).toBe(200);
      const log = await http(server, 'GET', `/api/v1/printers/${printer.id}/events`, { token: owner.token });
      const ignored = log.body.items.filter((e: { type: string }) => e.type === 'callback_ignored');
      expect(ignored.map((e: { data: { orderId: string } }) => e.data.orderId)).toEqual(
        expect.arrayContaining(['999999', params.o]),
      );
    });

    it('accepts a callback sent as a POST form and honours Range on the poll', async () => {
      const { printer, apiKey, owner } = await restaurant();
      const order = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('post-1') });
      const full = (await poll(server, printer.pollUrl)).text;
      const part = await poll(server, printer.pollUrl, { Range: 'bytes=0-9' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 0-9/${Buffer.byteLength(full)}`);
      expect(part.text).toBe(Buffer.from(full).subarray(0, 10).toString());
      const past = await poll(server, printer.pollUrl, { Range: `bytes=${Buffer.byteLength(full) + 5}-` });
      expect(past.status).toBe(416);
      const res = await http(server, 'POST', printer.callbackUrl, {
        rawBody: `a=1&o=${wireOrderId(full)}&ak=Rejected&m=FOOD+UNAVAILABLE&dt=20:00&u=user&p=pass`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(200);
      const done = await orderOf(owner, order.body.id);
      expect(done.status).toBe('cancelled');
      expect(done.notes[0].text).toContain('FOOD UNAVAILABLE');
    });

    it('lets the shop cancel a served order; the printer then gets the next one', async () => {
      const { printer, apiKey, owner } = await restaurant();
      const first = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('shop-1') });
      server.clock.advance(10);
      const second = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('shop-2') });
      const wire = (await poll(server, printer.pollUrl)).text;
      expect(wireOrderId(wire)).toBe(String(first.body.number));
      const cancel = await http(server, 'POST', `/api/v1/orders/${first.body.id}/cancel`, {
        apiKey,
        body: { note: 'customer called' },
      });
      expect(cancel.status).toBe(200);
      expect(cancel.body.status).toBe('cancelled');
      expect(cancel.body.notes[0].text).toContain('the printer had already received it');
      expect(wireOrderId((await poll(server, printer.pollUrl)).text)).toBe(String(second.body.number));
      // The printer answers the cancelled order late: nothing changes.
      await callback(server, printer.callbackUrl, { o: wireOrderId(wire), ak: 'Accepted', dt: '19:00' });
      expect((await orderOf(owner, first.body.id)).status).toBe('cancelled');
      const twice = await http(server, 'POST', `/api/v1/orders/${first.body.id}/cancel`, {
        apiKey,
        body: {},
      });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('order_already_answered');
    });

    it('prints requested times in the shop offset until the printer has a time zone', async () => {
      const { printer, apiKey, owner } = await restaurant();
      await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('tz-1', { requestedAt: '2026-07-01T20:15:00+02:00' }),
      });
      const wire = (await poll(server, printer.pollUrl)).text;
      expect(wire.split('*')[5]!.split(';')[5]).toBe('20:15 01-07-26');
      await callback(server, printer.callbackUrl, { o: wireOrderId(wire), ak: 'Accepted', dt: '20:30' });
      await http(server, 'PATCH', `/api/v1/printers/${printer.id}`, {
        token: owner.token,
        body: { timeZone: 'America/New_York' },
      });
      await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody('tz-2', { requestedAt: '2026-07-01T20:15:00+02:00' }),
      });
      const next = (await poll(server, printer.pollUrl)).text;
      expect(next.split('*')[5]!.split(';')[5]).toBe('14:15 01-07-26');
    });
  });

  describe('queue health and actions', () => {
    it('flags an order served but unanswered past the limit once, and serve-again clears it', async () => {
      const { printer, apiKey, owner } = await restaurant();
      const order = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('late-1') });
      await poll(server, printer.pollUrl);
      const sweeper = server.bridge.app.get(
        (await import('../src/modules/queue/queue.service')).QueueService,
      );
      expect((await sweeper.sweep()).unanswered).toBe(0);
      server.clock.advance(301_000);
      await poll(server, printer.pollUrl); // still polling: online, but nobody presses a button
      expect((await sweeper.sweep()).unanswered).toBeGreaterThanOrEqual(1);
      await sweeper.sweep();
      const flagged = await orderOf(owner, order.body.id);
      expect(flagged).toMatchObject({ status: 'printing', needsAttention: true });
      expect(flagged.events.filter((e: { type: string }) => e.type === 'needs_attention')).toHaveLength(1);
      const attention = await http(server, 'GET', '/api/v1/orders?needsAttention=true', {
        token: owner.token,
      });
      expect(attention.body.items.map((o: { id: string }) => o.id)).toEqual([order.body.id]);
      const again = await http(server, 'POST', `/api/v1/orders/${order.body.id}/serve-again`, {
        token: owner.token,
      });
      expect(again.status).toBe(200);
      expect(again.body.needsAttention).toBe(false);
      expect((await poll(server, printer.pollUrl)).text).toMatch(/^#/);
    });

    it('flags a silent printer with waiting orders as offline, and back online on its next poll', async () => {
      const { printer, apiKey, owner } = await restaurant();
      await poll(server, printer.pollUrl);
      await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('off-1') });
      const sweeper = server.bridge.app.get(
        (await import('../src/modules/queue/queue.service')).QueueService,
      );
      server.clock.advance(31_000);
      await sweeper.sweep();
      const view = await http(server, 'GET', `/api/v1/printers/${printer.id}`, { token: owner.token });
      expect(view.body.online).toBe(false);
      expect(view.body.offlineSince).not.toBeNull();
      await poll(server, printer.pollUrl);
      const back = await http(server, 'GET', `/api/v1/printers/${printer.id}`, { token: owner.token });
      expect(back.body).toMatchObject({ online: true, offlineSince: null });
      const log = await http(server, 'GET', `/api/v1/printers/${printer.id}/events`, { token: owner.token });
      expect(log.body.items.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['first_poll', 'offline', 'back_online']),
      );
    });

    it('moves a served order to another printer; the old printer can no longer answer it', async () => {
      const { printer, apiKey, owner } = await restaurant();
      const bar = await createPrinter(server, owner, { name: 'Bar' });
      const order = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('mv-1') });
      const wire = (await poll(server, printer.pollUrl)).text;
      const moved = await http(server, 'POST', `/api/v1/orders/${order.body.id}/move`, {
        token: owner.token,
        body: { printerId: bar.id },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'queued', printerId: bar.id });
      expect((await poll(server, printer.pollUrl)).text).toBe('');
      await callback(server, printer.callbackUrl, { o: wireOrderId(wire), ak: 'Accepted', dt: '19:00' });
      expect((await orderOf(owner, order.body.id)).status).toBe('queued');
      const onBar = await poll(server, bar.pollUrl);
      expect(wireOrderId(onBar.text)).toBe(wireOrderId(wire));
      await callback(server, bar.callbackUrl, { o: wireOrderId(onBar.text), ak: 'Accepted', dt: '19:10' });
      expect((await orderOf(owner, order.body.id)).status).toBe('completed');
    });
  });
});
