// Stops the machine's MariaDB while the API is under load (a shop sending orders, emulated printers
// polling and answering), starts it again, and checks that the API recovers by itself (same process,
// no restart) and that no order is lost, printed twice or answered twice. MariaDB is started again
// in every case (finally block and on Ctrl-C). It stops the shared server: not a CI test.
//
//   node -r @swc-node/register bench/faults/mariadb-restart.ts [--kill] [--outage-seconds 8]
//        [--orders 240] [--skip-build]
//
// --kill SIGKILLs mariadbd (crash recovery on start) instead of `mariadb-admin shutdown`.
// Prints a JSON report on stdout; exits 1 when a check fails. See docs/faults.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Api,
  createDatabase,
  log,
  mariadbAnswers,
  openRestaurant,
  probe,
  type Restaurant,
  ROOT,
  sleep,
  startApi,
  startMariadb,
  startShop,
  stopMariadb,
  verifyOrders,
} from './harness';

const { values } = parseArgs({
  options: {
    kill: { type: 'boolean', default: false },
    'outage-seconds': { type: 'string', default: '8' },
    orders: { type: 'string', default: '240' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const MODE = values.kill ? 'kill' : 'shutdown';
const OUTAGE_MS = Number(values['outage-seconds']) * 1000;
const ORDERS = Number(values.orders);

function build(): void {
  log('building the API and the printer emulator…');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'printer-emulator'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('build failed');
}

/** Samples `/ready` and `/health` until stopped: what a load balancer would have seen. */
function watchProbes(api: Api) {
  const samples: { at: number; ready: number; health: number }[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const [ready, health] = await Promise.all([
        probe(`${api.baseUrl}/ready`),
        probe(`${api.baseUrl}/health`),
      ]);
      samples.push({ at: Date.now(), ready, health });
      await sleep(200);
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** The emulator CLI's `--json` summary, the part checked here. */
interface FleetSummary {
  stopReason: string;
  totals: { ordersPrinted: number; accepted: number; rejected: number; duplicates: number; errors: number };
}

/**
 * Every printer, emulated by the emulator's CLI in its own process (an app the bench may not
 * import): it polls every 250 ms, answers at random and stops once `orders` orders are answered.
 */
function startFleet(restaurants: Restaurant[], orders: number): Promise<FleetSummary> {
  const urls = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-faults-fleet-')), 'printers.json');
  const printers = restaurants.flatMap((r, i) =>
    r.printers.map((p, j) => ({
      name: `r${i}p${j}`,
      pollUrl: p.pollUrl,
      callbackUrl: p.callbackUrl,
      resId: p.device.resId,
      username: p.device.username,
      password: p.device.password,
    })),
  );
  fs.writeFileSync(urls, JSON.stringify(printers));
  const cli = path.join(ROOT, 'tools/printer-emulator/dist/cli.js');
  const args = ['--urls', urls, '--policy', 'random', '--accept-ratio', '0.6', '--seed', '7'];
  args.push('--interval', '0.25', '--max-orders', String(orders), '--duration', '300', '--json');
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out) as FleetSummary);
      } catch {
        reject(new Error(`the emulator printed no summary: ${out.slice(0, 500)}`));
      }
    });
  });
}

/** Error lines the API logged after `since` (pino's `time` is in ms). */
function errorsAfter(logFile: string, since: number): string[] {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line) && Number(/"time":(\d+)/.exec(line)?.[1] ?? 0) > since)
    .map((line) => line.slice(0, 300));
}

async function scenario(): Promise<boolean> {
  if (!values['skip-build']) build();
  if (!(await mariadbAnswers())) throw new Error('MariaDB is not running: nothing to restart');
  const db = await createDatabase();
  let api: Api | null = null;
  try {
    api = await startApi(db.url, { QUEUE_SWEEP_SECONDS: '1' });
    const started = api;
    log(`API pid ${api.pid} on ${db.url}`);
    const restaurants = [
      await openRestaurant(api.baseUrl, 'Alpha', 4),
      await openRestaurant(api.baseUrl, 'Beta', 4),
      await openRestaurant(api.baseUrl, 'Gamma', 4),
    ];
    const fleet = startFleet(restaurants, ORDERS);
    const shop = startShop(api.baseUrl, restaurants, ORDERS, 40);
    while (shop.acknowledged.size < ORDERS / 3) await sleep(50);

    const probes = watchProbes(api);
    const ackedBefore = shop.acknowledged.size;
    log(`${ackedBefore} orders acknowledged; stopping MariaDB (${MODE})`);
    const stoppedAt = Date.now();
    await stopMariadb(MODE);
    const downAt = Date.now(); // the server no longer answers (a clean shutdown takes a moment)
    await sleep(OUTAGE_MS);
    const ackedDuringOutage = shop.acknowledged.size - ackedBefore;
    log('starting MariaDB again');
    const startingAt = Date.now();
    await startMariadb();
    const dbBackAt = Date.now();
    while ((await probe(`${api.baseUrl}/ready`)) !== 200) {
      if (Date.now() - dbBackAt > 60_000) break;
      await sleep(100);
    }
    const apiReadyAt = Date.now();
    await probes.stop();
    log(`MariaDB back after ${dbBackAt - stoppedAt} ms; API ready ${apiReadyAt - dbBackAt} ms later`);

    await shop.finished;
    const summary = await fleet;
    const verdict = await verifyOrders(api.baseUrl, shop);
    const outage = probes.samples.filter((s) => s.at > downAt && s.at < startingAt);
    const report = {
      mode: MODE,
      outageMs: dbBackAt - stoppedAt,
      apiReadyAfterDbBackMs: apiReadyAt - dbBackAt,
      sameApiProcess: started.alive(),
      readyDuringOutage: countBy(outage.map((s) => s.ready)),
      healthDuringOutage: countBy(outage.map((s) => s.health)),
      ordersAcknowledgedDuringOutage: ackedDuringOutage,
      shopRetriesByStatus: Object.fromEntries(shop.failures),
      errorLinesLoggedDuringOutage: errorsAfter(api.logFile, stoppedAt).length,
      errorsLoggedAfterRecovery: errorsAfter(api.logFile, apiReadyAt + 2000),
      fleet: summary.totals,
      fleetStopReason: summary.stopReason,
      verdict,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const checks: [string, boolean][] = [
      ['/ready answered 503 during the outage', outage.some((s) => s.ready === 503)],
      ['/ready never answered 200 during the outage', outage.every((s) => s.ready !== 200)],
      [
        'the API recovered by itself (same process, /ready 200)',
        started.alive() && apiReadyAt - dbBackAt < 60_000,
      ],
      ['every order acknowledged is stored once and answered once', verdict.problems.length === 0],
      ['as many orders stored as acknowledged', verdict.stored === ORDERS && verdict.orders === ORDERS],
      ['no order printed twice', summary.totals.duplicates === 0],
      ['every order printed and answered', summary.stopReason === 'max-orders'],
      ['no error logged after recovery', report.errorsLoggedAfterRecovery.length === 0],
    ];
    for (const [what, ok] of checks) log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
    return checks.every(([, ok]) => ok);
  } finally {
    await startMariadb(); // whatever happened above, the machine gets its database back
    await api?.stop();
    await db.drop().catch((error: unknown) => log(`could not drop the database: ${String(error)}`));
  }
}

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

// Ctrl-C during the outage must not leave the machine without its database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: starting MariaDB before exiting`);
    void startMariadb().finally(() => process.exit(130));
  });
}

scenario().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
