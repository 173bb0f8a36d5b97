import { PollService } from '../src/modules/queue/poll.service';
import { QueueService } from '../src/modules/queue/queue.service';
import {
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
} from './harness';

// The cost of the order receiving URL: an idle poll is one query, and `lastPollAt` is refreshed at
// most every min(5 s, half the poll interval), batched, without changing what "online" means.
describe.each(DIALECTS)('the poll path on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    // No background jobs: every query counted below comes from the poll under test.
    server = await startServer(dialect, { OUTBOX_INTERVAL_MS: '0', SHOP_POLL_SECONDS: '0' });
  });

  afterAll(async () => {
    await server.stop();
  });

  /** The SQL the API ran while `work` ran, seen through TypeORM's logger hook. */
  async function queriesDuring(work: () => Promise<unknown>): Promise<string[]> {
    const { dataSource } = server.bridge;
    const original = dataSource.logger;
    const seen: string[] = [];
    dataSource.logger = new Proxy(original, {
      get: (target, property, receiver): unknown =>
        property === 'logQuery'
          ? (query: string) => void seen.push(query)
          : Reflect.get(target, property, receiver),
    });
    try {
      await work();
    } finally {
      dataSource.logger = original;
    }
    return seen;
  }

  async function lastPollAt(owner: TestTenant, printerId: string): Promise<number> {
    const view = await http(server, 'GET', `/api/v1/printers/${printerId}`, { token: owner.token });
    expect(view.status).toBe(200);
    return Date.parse(view.body.lastPollAt);
  }

  /** Writes the refreshed poll times now instead of within the flush delay. */
  const flush = () => server.bridge.app.get(PollService).flushPollTimes();

  it('answers an idle poll with one query; lastPollAt is refreshed after 5 s, in a batch', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    await poll(server, printer.pollUrl);
    const first = await lastPollAt(owner, printer.id);
    expect(first).toBeGreaterThan(0);

    server.clock.advance(1000);
    const idle = await queriesDuring(async () => {
      await poll(server, printer.pollUrl);
      await flush();
    });
    expect(idle).toHaveLength(1);
    expect(idle[0]).toMatch(/^SELECT/i);
    expect(await lastPollAt(owner, printer.id)).toBe(first);

    server.clock.advance(4100);
    const refresh = await queriesDuring(() => poll(server, printer.pollUrl));
    expect(refresh).toHaveLength(1);
    const write = await queriesDuring(flush);
    expect(write).toHaveLength(1);
    expect(write[0]).toMatch(/^UPDATE/i);
    expect(await lastPollAt(owner, printer.id)).toBeGreaterThanOrEqual(first + 5100);
  });

  it('writes each printer its own poll time, several printers in one statement', async () => {
    const owner = await signup(server);
    const a = await createPrinter(server, owner, { name: 'A' });
    const b = await createPrinter(server, owner, { name: 'B' });
    await poll(server, a.pollUrl);
    await poll(server, b.pollUrl);
    server.clock.advance(6000);
    const before = server.clock.now();
    await poll(server, a.pollUrl);
    server.clock.advance(2000);
    await poll(server, b.pollUrl);
    const write = await queriesDuring(flush);
    expect(write).toHaveLength(1);
    const atA = await lastPollAt(owner, a.id);
    const atB = await lastPollAt(owner, b.id);
    expect(atA).toBeGreaterThanOrEqual(before);
    expect(atA).toBeLessThan(before + 2000);
    expect(atB).toBeGreaterThanOrEqual(atA + 2000);
  });

  it('refreshes a fast printer after half its interval', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner, { pollIntervalSeconds: 2 });
    await poll(server, printer.pollUrl);
    const first = await lastPollAt(owner, printer.id);
    server.clock.advance(900);
    await poll(server, printer.pollUrl);
    await flush();
    expect(await lastPollAt(owner, printer.id)).toBe(first);
    server.clock.advance(200);
    await poll(server, printer.pollUrl);
    await flush();
    expect(await lastPollAt(owner, printer.id)).toBeGreaterThanOrEqual(first + 1100);
  });

  it('serves an order that arrived after an idle poll on the very next poll', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const apiKey = await createApiKey(server, owner);
    expect((await poll(server, printer.pollUrl)).text).toBe('');
    const order = await http(server, 'POST', '/api/v1/orders', {
      apiKey,
      body: orderBody('pp-1', { printerId: printer.id }),
    });
    expect(order.status).toBe(201);
    const served = await poll(server, printer.pollUrl);
    expect(served.text).toMatch(/^#.*#$/);
    const view = await http(server, 'GET', `/api/v1/orders/${order.body.id}`, { token: owner.token });
    expect(view.body.status).toBe('printing');
  });

  it('keeps a printer that polls on time online through the queue sweep, with throttled writes', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const apiKey = await createApiKey(server, owner);
    await http(server, 'POST', '/api/v1/orders', {
      apiKey,
      body: orderBody('pp-2', { printerId: printer.id }),
    });
    const sweeper = server.bridge.app.get(QueueService);
    const state = async () =>
      (await http(server, 'GET', `/api/v1/printers/${printer.id}`, { token: owner.token })).body;
    // 40 s of polls every 4.9 s (under the 10 s interval): some are written, some skipped.
    for (let i = 0; i < 8; i += 1) {
      server.clock.advance(4900);
      expect((await poll(server, printer.pollUrl)).text).toMatch(/^#/);
      // Real polls are 4.9 s apart, so the 1 s flush has run before the next sweep.
      await flush();
      await sweeper.sweep();
      expect(await state()).toMatchObject({ online: true, offlineSince: null });
    }
    // Silent for more than three intervals: flagged offline, and the next poll is written at once.
    server.clock.advance(31_000);
    await sweeper.sweep();
    expect(await state()).toMatchObject({ online: false, offlineSince: expect.any(String) });
    await poll(server, printer.pollUrl);
    expect(await state()).toMatchObject({ online: true, offlineSince: null });
  });
});
