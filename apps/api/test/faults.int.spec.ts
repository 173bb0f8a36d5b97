// Faults with the built server (apps/api/dist/main.js) in child processes, real printers emulated:
// kill -9 under load and restart on the same database and port; two instances on one MariaDB
// database behind a round-robin proxy. The slow and destructive scenarios (stopping MariaDB itself)
// live in bench/faults; see docs/faults.md.
import { createConnection } from 'mysql2/promise';
import {
  type ApiProcess,
  emulatorConfig,
  type EmulatedPrinter,
  type EmulatorPrinterOptions,
  freePort,
  listAll,
  loadEmulator,
  loggedErrors,
  type OrderLoad,
  remote,
  sleep,
  spawnApi,
  startOrderLoad,
  startProxy,
} from './fault-harness';
import {
  createApiKey,
  createPrinter,
  DIALECTS,
  type Dialect,
  freshDatabase,
  http,
  orderBody,
  signup,
  type TestServer,
  type TestTenant,
} from './harness';

interface Restaurant {
  owner: TestTenant;
  apiKey: string;
  printers: Awaited<ReturnType<typeof createPrinter>>[];
}

async function openRestaurant(
  server: TestServer,
  name: string,
  printers: number,
  settings: Record<string, unknown> = {},
): Promise<Restaurant> {
  const owner = await signup(server, name);
  // Every order is printed, whatever its payment method.
  await http(server, 'PATCH', '/api/v1/tenant', { token: owner.token, body: { intakeRule: 'all' } });
  const created = await Promise.all(
    Array.from({ length: printers }, (_, i) => createPrinter(server, owner, { name: `P${i}`, ...settings })),
  );
  return { owner, apiKey: await createApiKey(server, owner), printers: created };
}

/** Spreads order `index` over the restaurants (round robin) and over each one's printers. */
function orderFor(restaurants: Restaurant[]) {
  return (externalId: string, index: number) => {
    const restaurant = restaurants[index % restaurants.length]!;
    const printer = restaurant.printers[Math.floor(index / restaurants.length) % restaurant.printers.length]!;
    return orderBody(externalId, { printerId: printer.id });
  };
}

const answeredBy = (printers: readonly EmulatedPrinter[]) =>
  printers.reduce((sum, p) => sum + p.stats.accepted + p.stats.rejected, 0);

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * The end state every scenario must reach: each acknowledged order exists exactly once, was printed
 * once, and got exactly one final status (completed or cancelled) with one note.
 */
async function expectEveryOrderAnsweredOnce(
  server: TestServer,
  restaurants: Restaurant[],
  load: OrderLoad,
  totals: { ordersPrinted: number; accepted: number; rejected: number; duplicates: number },
): Promise<void> {
  expect(load.unexpected).toEqual([]);
  const sentIds = load.sent.map((o) => o.externalId).sort();
  expect(new Set(sentIds).size).toBe(sentIds.length);
  const stored = (
    await Promise.all(restaurants.map((r) => listAll(server, '/api/v1/orders', r.owner.token)))
  ).flat();
  expect(stored.map((o) => o.externalId).sort()).toEqual(sentIds);
  expect(totals.duplicates).toBe(0);
  expect(totals.ordersPrinted).toBe(sentIds.length);
  expect(totals.accepted + totals.rejected).toBe(sentIds.length);

  const tokenOf = new Map(restaurants.map((r) => [r.apiKey, r.owner.token]));
  const problems: string[] = [];
  let completed = 0;
  for (const sent of load.sent) {
    const order = (
      await http(server, 'GET', `/api/v1/orders/${sent.id}`, { token: tokenOf.get(sent.apiKey)! })
    ).body;
    const count = (type: string) => order.events.filter((e: { type: string }) => e.type === type).length;
    const finals = count('completed') + count('cancelled');
    if (!['completed', 'cancelled'].includes(order.status))
      problems.push(`${sent.externalId}: ${order.status}`);
    if (finals !== 1) problems.push(`${sent.externalId}: ${finals} final events`);
    if (count('served') !== 1) problems.push(`${sent.externalId}: ${count('served')} served events`);
    if (count('received') !== 1) problems.push(`${sent.externalId}: ${count('received')} received events`);
    if (order.notes.length !== 1) problems.push(`${sent.externalId}: ${order.notes.length} notes`);
    if (order.status === 'completed') completed += 1;
  }
  expect(problems).toEqual([]);
  expect(completed).toBe(totals.accepted);
}

function fleetConfigs(
  restaurants: Restaurant[],
  extra: Partial<EmulatorPrinterOptions>,
): EmulatorPrinterOptions[] {
  return restaurants.flatMap((r, i) =>
    r.printers.map((p, j) => emulatorConfig(p, { name: `r${i}p${j}`, seed: i * 100 + j, ...extra })),
  );
}

describe.each(DIALECTS)('faults on %s', (dialect: Dialect) => {
  it('kill -9 twice under load, restart on the same database and port: nothing lost, printed or applied twice', async () => {
    const ORDERS = 90;
    const db = await freshDatabase(dialect);
    const port = await freePort();
    let api: ApiProcess = await spawnApi({ databaseUrl: db.url, port });
    try {
      const server = remote(api.baseUrl);
      const restaurants = [
        await openRestaurant(server, 'Alpha', 3),
        await openRestaurant(server, 'Beta', 3),
        await openRestaurant(server, 'Gamma', 3),
      ];
      const emulator = await loadEmulator();
      let expected = Number.POSITIVE_INFINITY;
      const fleet = emulator.runFleet(
        fleetConfigs(restaurants, {
          intervalMs: 100,
          policy: 'random',
          acceptRatio: 0.6,
          requestTimeoutMs: 3000,
        }),
        { until: (printers) => answeredBy(printers) >= expected, durationMs: 90_000 },
      );
      const load = startOrderLoad({
        baseUrl: api.baseUrl,
        apiKeys: restaurants.map((r) => r.apiKey),
        count: ORDERS,
        concurrency: 3,
        prefix: `kill-${dialect}-`,
        body: orderFor(restaurants),
      });

      const restarts: number[] = [];
      const errors: string[] = [];
      for (const after of [ORDERS / 3, (2 * ORDERS) / 3]) {
        await waitFor(`${after} orders`, () => load.sent.length >= after, 30_000);
        errors.push(...loggedErrors(api));
        await api.crash(); // SIGKILL: no graceful shutdown, transactions and requests cut mid-way
        const down = Date.now();
        api = await spawnApi({ databaseUrl: db.url, port });
        restarts.push(Date.now() - down);
      }
      await load.finished;
      expected = load.sent.length;
      const summary = await fleet;

      expect(summary.stopReason).toBe('until');
      expect(load.retries).toBeGreaterThan(0); // the outages were real: some requests went unanswered
      expect([...errors, ...loggedErrors(api)]).toEqual([]);
      await expectEveryOrderAnsweredOnce(server, restaurants, load, summary.totals);
      console.info(
        `[faults/${dialect}] kill -9 ×2: ${ORDERS} orders, restarts ${restarts.join('/')} ms, ` +
          `${load.retries} shop retries, ${load.sent.filter((o) => o.status === 200).length} answered 200 on retry, ` +
          `emulator ${JSON.stringify(summary.totals)}`,
      );
    } finally {
      await api.stop();
      await db.drop();
    }
  }, 120_000);
});

describe('two API instances on one MariaDB database behind a round-robin proxy', () => {
  it('200 printers, 400 orders: each printed and answered once; sweeps flag each order and printer once', async () => {
    const ORDERS = 400;
    const started = Date.now();
    const db = await freshDatabase('mysql');
    // Both start at once on the empty database: migrations and the app secret must not race.
    const env = { QUEUE_SWEEP_SECONDS: '1' };
    const instances = await Promise.all([
      spawnApi({ databaseUrl: db.url, env, readyTimeoutMs: 60_000 }),
      spawnApi({ databaseUrl: db.url, env, readyTimeoutMs: 60_000 }),
    ]);
    const proxy = await startProxy(instances.map((i) => i.port));
    try {
      const server = remote(proxy.baseUrl);
      const emulator = await loadEmulator();

      // Ten printers that take one order each and then fall silent: the sweeps' work. The API's
      // floor for the unanswered limit is 30 s; the test lowers it to 2 s in the database (where
      // the sweep reads it) so the flags come during the load instead of after it.
      const silent = await openRestaurant(server, 'Silent', 10, { pollIntervalSeconds: 2 });
      const sql = await createConnection(db.url.replace(/^mariadb:/, 'mysql:'));
      await sql.query('UPDATE printers SET unansweredLimitSeconds = 2 WHERE tenantId = ?', [
        silent.owner.tenantId,
      ]);
      await sql.end();
      const silentOrders = await Promise.all(
        silent.printers.map(async (printer, i) => {
          const res = await http(server, 'POST', '/api/v1/orders', {
            apiKey: silent.apiKey,
            body: orderBody(`silent-${i}`, { printerId: printer.id }),
          });
          return res.body.id as string;
        }),
      );
      await emulator.runFleet(fleetConfigs([silent], { intervalMs: 200, policy: 'none' }), {
        until: (printers) => printers.every((p) => p.stats.ordersPrinted === 1),
        durationMs: 20_000,
      });

      // The main load: 20 restaurants × 10 printers, orders spread over all of them.
      const restaurants = await Promise.all(
        Array.from({ length: 20 }, (_, i) => openRestaurant(server, `R${i}`, 10)),
      );
      const ready = Date.now();
      let expected = Number.POSITIVE_INFINITY;
      const fleet = emulator.runFleet(
        fleetConfigs(restaurants, {
          intervalMs: 1000,
          policy: 'random',
          acceptRatio: 0.5,
          requestTimeoutMs: 10_000,
        }),
        { until: (printers) => answeredBy(printers) >= expected, durationMs: 120_000 },
      );
      const load = startOrderLoad({
        baseUrl: proxy.baseUrl,
        apiKeys: restaurants.map((r) => r.apiKey),
        count: ORDERS,
        concurrency: 6,
        prefix: 'two-',
        body: orderFor(restaurants),
      });
      await load.finished;
      const sent = Date.now();
      expected = load.sent.length;
      const summary = await fleet;
      const drained = Date.now();
      expect(summary.stopReason).toBe('until');
      expect(summary.totals.errors).toBe(0);
      expect(instances.flatMap(loggedErrors)).toEqual([]);
      await expectEveryOrderAnsweredOnce(server, restaurants, load, summary.totals);
      expect(Math.min(...proxy.handed)).toBeGreaterThan(100); // both instances did real work

      // Both instances sweep every second; each flag must have been recorded once.
      const flagged = () => listAll(server, '/api/v1/orders?needsAttention=true', silent.owner.token);
      await waitFor(
        'needs_attention on every silent order',
        async () => (await flagged()).length === 10,
        20_000,
      );
      for (const id of silentOrders) {
        const order = (await http(server, 'GET', `/api/v1/orders/${id}`, { token: silent.owner.token })).body;
        expect(order.events.filter((e: { type: string }) => e.type === 'needs_attention')).toHaveLength(1);
      }
      for (const printer of silent.printers) {
        const log = await http(server, 'GET', `/api/v1/printers/${printer.id}/events`, {
          token: silent.owner.token,
        });
        // A printer may be flagged before its first poll too; what must never happen is one
        // silence recorded twice: offline and back_online alternate, ending offline.
        const transitions = (log.body.items as { id: number; type: string }[])
          .filter((e) => e.type === 'offline' || e.type === 'back_online')
          .sort((x, y) => x.id - y.id)
          .map((e) => e.type);
        expect(transitions.at(-1)).toBe('offline');
        expect(transitions.filter((type, k) => type === transitions[k - 1])).toEqual([]);
      }
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      console.info(
        `[faults/two-instances] ${ORDERS} orders on 200 printers: setup ${seconds(ready - started)} s, ` +
          `sending ${seconds(sent - ready)} s, drained ${seconds(drained - sent)} s later; ` +
          `proxy handed ${proxy.handed.join('/')} connections; emulator ${JSON.stringify(summary.totals)}`,
      );
    } finally {
      const errors = instances.flatMap(loggedErrors);
      if (errors.length > 0) console.error(`API errors:\n${errors.join('\n')}`);
      await proxy.close();
      await Promise.all(instances.map((i) => i.stop()));
      await db.drop();
    }
  }, 180_000);
});
