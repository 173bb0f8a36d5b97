// `npm run bench [-- --quick]` and `npm run bench:soak`: see docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import prettier from 'prettier';
import { closeIdleSockets } from './http';
import { createBenchDatabase } from './mariadb';
import { resultsMarkdown, soakMarkdown } from './markdown';
import { cpuSeconds, peakRssMb, procAvailable, rssMb } from './proc';
import {
  type BenchReport,
  machine,
  readJson,
  replaceBetweenMarkers,
  type RunResult,
  type SoakReport,
  writeJson,
} from './results';
import {
  acceptAll,
  endToEnd,
  fixedRatePolls,
  type OrderRound,
  pollLoad,
  type PollLoad,
  serveOrders,
} from './scenarios';
import { seedRestaurant } from './seed';
import { type Server, startApi, startCeiling, stopAllServers } from './servers';
import { percentile, round, sleep } from './stats';
import { runSoak } from './soak';

const ROOT = path.resolve(__dirname, '../..');
const DOCS = path.join(ROOT, 'docs/benchmarks.md');

interface Profile {
  printers: number;
  connections: number;
  warmupSeconds: number;
  loadSeconds: number;
  fixedRate: number;
  ordersPerRound: number;
  rounds: number;
  e2eOrders: number;
}

const QUICK: Profile = {
  printers: 200,
  connections: 32,
  warmupSeconds: 1,
  loadSeconds: 4,
  fixedRate: 1000,
  ordersPerRound: 100,
  rounds: 1,
  e2eOrders: 50,
};

// 6,000 printers polled round-robin at 1,000 polls/s: each one every 6 s, past the 5 s lastPollAt
// throttle, so every poll of the fixed-rate run also writes, as real printers' polls do.
const FULL: Profile = {
  printers: 6000,
  connections: 64,
  warmupSeconds: 3,
  loadSeconds: 15,
  fixedRate: 1000,
  ordersPerRound: 500,
  rounds: 2,
  e2eOrders: 300,
};

const HELP = `Usage: npm run bench [-- options]     (or npm run bench:soak)

  --quick               short run (< 2 minutes), fewer printers and shorter loads
  --only LIST           comma-separated subset of ceiling,sqlite,mariadb
  --soak                run the memory soak instead of the throughput runs
  --soak-printers N     default 5000
  --soak-seconds N      default 600
  --soak-interval-ms N  poll interval of each emulated printer, default 5000
  --soak-orders-per-sec N  order trickle during the soak, default 2
  --mysql URL           MariaDB server, default mariadb://root@127.0.0.1:3306
  --api-main FILE       API entry point to measure, default apps/api/dist/main.js
  --out FILE            results file, default bench/results/latest.json (soak: soak.json)
  --profile DIR         write a V8 CPU profile of each API run to DIR (open it in Chrome DevTools)
  --skip-build          do not run nx build first
  --skip-docs           do not rewrite the tables in docs/benchmarks.md
  --render              only rewrite the tables from bench/results/latest.json and soak.json
`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', default: 'ceiling,sqlite,mariadb' },
      soak: { type: 'boolean', default: false },
      'soak-printers': { type: 'string', default: '5000' },
      'soak-seconds': { type: 'string', default: '600' },
      'soak-interval-ms': { type: 'string', default: '5000' },
      'soak-orders-per-sec': { type: 'string', default: '2' },
      mysql: {
        type: 'string',
        default: process.env['GCB_BENCH_MYSQL_URL'] ?? 'mariadb://root@127.0.0.1:3306',
      },
      'api-main': { type: 'string', default: path.join(ROOT, 'apps/api/dist/main.js') },
      out: { type: 'string' },
      profile: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      'skip-docs': { type: 'boolean', default: false },
      render: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name: keyof typeof values): number => {
    const raw = String(values[name]);
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const only = values.only.split(',').map((t) => t.trim());
  for (const target of only) {
    if (!['ceiling', 'sqlite', 'mariadb'].includes(target))
      throw new Error(`--only: unknown target "${target}"`);
  }
  return {
    help: values.help,
    quick: values.quick,
    only,
    soak: values.soak,
    soakPrinters: int('soak-printers'),
    soakSeconds: int('soak-seconds'),
    soakIntervalMs: int('soak-interval-ms'),
    soakOrdersPerSec: int('soak-orders-per-sec'),
    mysql: values.mysql.replace(/\/+$/, ''),
    apiMain: path.resolve(values['api-main']),
    out: values.out === undefined ? null : path.resolve(values.out),
    profileDir: values.profile === undefined ? null : path.resolve(values.profile),
    build: !values['skip-build'],
    docs: !values['skip-docs'],
    render: values.render,
  };
}

type Options = ReturnType<typeof parseOptions>;

const log = (line: string): void => console.log(`[bench] ${line}`);

/** Undone on Ctrl-C or SIGTERM after the servers are stopped: today, the MariaDB bench database. */
const onInterrupt = new Set<() => Promise<void>>();

function interrupted(signal: string): void {
  log(`${signal}: stopping the servers and cleaning up`);
  void stopAllServers()
    .then(() => Promise.allSettled([...onInterrupt].map((undo) => undo())))
    .finally(() => process.exit(130));
}
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

function build(): void {
  log('building the API and the printer emulator (nx run-many -t build -p api printer-emulator)…');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'printer-emulator'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the build failed; fix it or pass --skip-build');
}

function emptyRun(name: string, target: RunResult['target'], skipped: string | null): RunResult {
  return {
    name,
    target,
    skipped,
    printers: null,
    pollsPerSec: null,
    pollsPerPrinterPerSec: null,
    ratioToCeiling: null,
    p50Ms: null,
    p99Ms: null,
    fixedRatePollsPerSec: null,
    saturatedP50Ms: null,
    saturatedP99Ms: null,
    pollWithOrderP50Ms: null,
    pollWithOrderP99Ms: null,
    reservePollP50Ms: null,
    reservePollP99Ms: null,
    ordersPerSec: null,
    intakeP50Ms: null,
    callbacksPerSec: null,
    e2eP50Ms: null,
    e2eP99Ms: null,
    cpuMsPer1kPolls: null,
    cpuMsPer1kPollsSaturated: null,
    idleCpuMsPerSec: null,
    rssMb: null,
    rssPeakMb: null,
    failures: null,
  };
}

/** Writes docs/benchmarks.md formatted as `npm run lint` expects (Prettier aligns the tables). */
async function writeDocs(document: string): Promise<void> {
  const options = (await prettier.resolveConfig(DOCS)) ?? {};
  fs.writeFileSync(DOCS, await prettier.format(document, { ...options, filepath: DOCS }));
}

/** CPU the API burns with no requests at all (its timers and background jobs), per second. */
async function idleCpuMsPerSec(pid: number, seconds: number): Promise<number> {
  const before = cpuSeconds(pid);
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - before) * 1000) / seconds;
}

function describeLoad(label: string, load: PollLoad): string {
  return `${label}: ${Math.round(load.pollsPerSec)} polls/s, p50 ${round(load.p50Ms)} ms, p99 ${round(load.p99Ms)} ms, ${load.failures} failures${
    load.cpuMsPer1kPolls === null ? '' : `, ${round(load.cpuMsPer1kPolls, 0)} CPU ms / 1k polls`
  }`;
}

/** The same two poll loads against any server: saturation, then a fixed 1,000 polls/s. */
async function pollRuns(server: Server, paths: string[], profile: Profile, pid: number | null) {
  await pollLoad(
    server.baseUrl,
    paths,
    { connections: profile.connections, seconds: profile.warmupSeconds },
    pid,
  );
  const saturated = await pollLoad(
    server.baseUrl,
    paths,
    { connections: profile.connections, seconds: profile.loadSeconds },
    pid,
  );
  log(describeLoad('  idle polls, saturated', saturated));
  const fixed = await fixedRatePolls(server.baseUrl, paths, profile.fixedRate, profile.loadSeconds, pid);
  log(describeLoad(`  idle polls at ${profile.fixedRate}/s`, fixed));
  return { saturated, fixed };
}

function fillPollNumbers(run: RunResult, saturated: PollLoad, fixed: PollLoad, ceiling: number | null): void {
  run.pollsPerSec = round(saturated.pollsPerSec, 0);
  run.ratioToCeiling = ceiling === null ? null : round(saturated.pollsPerSec / ceiling, 3);
  run.saturatedP50Ms = round(saturated.p50Ms, 3);
  run.saturatedP99Ms = round(saturated.p99Ms, 3);
  run.p50Ms = round(fixed.p50Ms, 3);
  run.p99Ms = round(fixed.p99Ms, 3);
  run.fixedRatePollsPerSec = round(fixed.pollsPerSec, 0);
  run.cpuMsPer1kPolls = round(fixed.cpuMsPer1kPolls, 0);
  run.cpuMsPer1kPollsSaturated = round(saturated.cpuMsPer1kPolls, 0);
  run.failures = saturated.failures + fixed.failures;
}

async function measureCeiling(profile: Profile, logDir: string, paths: string[]): Promise<RunResult> {
  const run = emptyRun('Ceiling: bare node:http, empty 200', 'ceiling', null);
  log('ceiling: starting a bare node:http server…');
  const server = await startCeiling(logDir);
  try {
    const { saturated, fixed } = await pollRuns(server, paths, profile, server.pid);
    fillPollNumbers(run, saturated, fixed, null);
    run.ratioToCeiling = 1;
    run.rssMb = round(rssMb(server.pid), 0);
    run.rssPeakMb = round(peakRssMb(server.pid), 0);
  } finally {
    await server.stop();
  }
  return run;
}

async function measureApi(
  run: RunResult,
  options: Options,
  profile: Profile,
  databaseUrl: string,
  logDir: string,
  ceiling: number | null,
): Promise<void> {
  log(`${run.name}: starting ${path.relative(ROOT, options.apiMain)}…`);
  const api = await startApi(`api-${run.target}`, options.apiMain, databaseUrl, logDir, options.profileDir);
  try {
    const seedStarted = Date.now();
    const restaurant = await seedRestaurant(api.baseUrl, profile.printers);
    log(
      `  seeded 1 restaurant and ${profile.printers} printers through the API in ${Date.now() - seedStarted} ms`,
    );
    run.printers = profile.printers;
    run.idleCpuMsPerSec = round(await idleCpuMsPerSec(api.pid, profile.warmupSeconds), 1);
    const paths = restaurant.printers.map((printer) => printer.pollPath);
    const { saturated, fixed } = await pollRuns(api, paths, profile, api.pid);
    fillPollNumbers(run, saturated, fixed, ceiling);
    run.pollsPerPrinterPerSec = round(saturated.pollsPerSec / profile.printers, 1);

    const rounds: OrderRound[] = [];
    const callbackRuns = [];
    const batch = restaurant.printers.slice(0, Math.min(profile.ordersPerRound, restaurant.printers.length));
    for (let i = 0; i < profile.rounds; i += 1) {
      const orderRound = await serveOrders(restaurant, batch, 4);
      rounds.push(orderRound);
      callbackRuns.push(await acceptAll(restaurant, orderRound.served, 16));
    }
    const firstServe = rounds.flatMap((r) => r.firstServeMs);
    const reserve = rounds.flatMap((r) => r.reserveMs);
    const intake = rounds.flatMap((r) => r.intakeMs);
    const orders = rounds.reduce((sum, r) => sum + r.served.length, 0);
    run.pollWithOrderP50Ms = round(percentile(firstServe, 50), 3);
    run.pollWithOrderP99Ms = round(percentile(firstServe, 99), 3);
    run.reservePollP50Ms = round(percentile(reserve, 50), 3);
    run.reservePollP99Ms = round(percentile(reserve, 99), 3);
    run.intakeP50Ms = round(percentile(intake, 50), 3);
    run.ordersPerSec = round(orders / rounds.reduce((sum, r) => sum + r.intakeSeconds, 0), 0);
    const callbacks = callbackRuns.reduce((sum, r) => sum + r.callbacks, 0);
    run.callbacksPerSec = round(callbacks / callbackRuns.reduce((sum, r) => sum + r.seconds, 0), 0);
    log(
      `  ${orders} orders: intake ${run.ordersPerSec}/s (4 in flight), poll with order p50 ${run.pollWithOrderP50Ms} ms, re-serve p50 ${run.reservePollP50Ms} ms, ${run.callbacksPerSec} callbacks/s (16 in flight, ${callbackRuns.reduce((s, r) => s + r.verified, 0)} read back completed)`,
    );

    const printer = restaurant.printers[restaurant.printers.length - 1];
    if (!printer) throw new Error('no printer was seeded');
    const e2e = await endToEnd(restaurant, printer, profile.e2eOrders);
    run.e2eP50Ms = round(percentile(e2e, 50), 3);
    run.e2eP99Ms = round(percentile(e2e, 99), 3);
    log(`  intake → completed over ${e2e.length} orders: p50 ${run.e2eP50Ms} ms, p99 ${run.e2eP99Ms} ms`);
    run.rssMb = round(rssMb(api.pid), 0);
    run.rssPeakMb = round(peakRssMb(api.pid), 0);
  } finally {
    await api.stop();
  }
}

async function benchmark(options: Options): Promise<void> {
  const profile = options.quick ? QUICK : FULL;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-bench-'));
  log(`${options.quick ? 'quick' : 'full'} run; server logs in ${logDir}`);
  const runs: RunResult[] = [];
  let ceiling: number | null = null;
  // The ceiling's paths look like real poll paths; it ignores them.
  const fakePaths = Array.from({ length: profile.printers }, (_, i) => `/gc/token${i}/order?a=1&u=u&p=p`);
  if (options.only.includes('ceiling')) {
    const run = await measureCeiling(profile, logDir, fakePaths);
    ceiling = run.pollsPerSec;
    runs.push(run);
  }
  if (options.only.includes('sqlite')) {
    const run = emptyRun('API on SQLite', 'sqlite', null);
    const file = path.join(logDir, 'bench.sqlite');
    await measureApi(run, options, profile, `sqlite:${file}`, logDir, ceiling);
    runs.push(run);
  }
  if (options.only.includes('mariadb')) {
    const database = await createBenchDatabase(options.mysql);
    if ('skipped' in database) {
      log(`API on MariaDB: skipped: ${database.skipped}`);
      runs.push(emptyRun('API on MariaDB', 'mariadb', database.skipped));
    } else {
      const run = emptyRun('API on MariaDB', 'mariadb', null);
      const drop = async () => {
        await database.drop();
        log(`  dropped database ${database.name}`);
      };
      onInterrupt.add(drop);
      try {
        await measureApi(run, options, profile, database.url, logDir, ceiling);
      } finally {
        onInterrupt.delete(drop);
        await drop();
      }
      runs.push(run);
    }
  }
  closeIdleSockets();
  const report: BenchReport = {
    machine: machine(),
    date: new Date().toISOString(),
    quick: options.quick,
    api: path.relative(ROOT, options.apiMain),
    runs,
  };
  const out = options.out ?? path.join(ROOT, 'bench/results/latest.json');
  writeJson(out, report);
  log(`wrote ${path.relative(ROOT, out)}`);
  if (options.docs) {
    const soak = readJson<SoakReport>(path.join(ROOT, 'bench/results/soak.json'));
    const document = fs.readFileSync(DOCS, 'utf8');
    await writeDocs(replaceBetweenMarkers(document, 'results', resultsMarkdown(report, soak)));
    log('updated docs/benchmarks.md');
  }
  fs.rmSync(logDir, { recursive: true, force: true });
}

async function soak(options: Options): Promise<void> {
  const report = await runSoak({
    mainJs: options.apiMain,
    emulatorCli: path.join(ROOT, 'tools/printer-emulator/dist/cli.js'),
    apiLabel: path.relative(ROOT, options.apiMain),
    machine: machine(),
    printers: options.soakPrinters,
    seconds: options.soakSeconds,
    intervalMs: options.soakIntervalMs,
    ordersPerSec: options.soakOrdersPerSec,
    sampleEveryMs: 10_000,
    log,
  });
  const out = options.out ?? path.join(ROOT, 'bench/results/soak.json');
  writeJson(out, report);
  log(
    `soak: RSS ${report.rssStartMb} → ${report.rssEndMb} MB (max ${report.rssMaxMb}), slope ${report.slopeMbPerMin} MB/min, after warm-up ${report.slopeAfterWarmupMbPerMin} MB/min; ${report.polls} polls, ${report.pollErrors} errors, ${report.duplicates} duplicates`,
  );
  log(`wrote ${path.relative(ROOT, out)}`);
  if (options.docs) {
    let document = fs.readFileSync(DOCS, 'utf8');
    document = replaceBetweenMarkers(document, 'soak', soakMarkdown(report));
    const latest = readJson<BenchReport>(path.join(ROOT, 'bench/results/latest.json'));
    if (latest) document = replaceBetweenMarkers(document, 'results', resultsMarkdown(latest, report));
    await writeDocs(document);
    log('updated docs/benchmarks.md');
  }
}

async function renderDocs(): Promise<void> {
  const latest = readJson<BenchReport>(path.join(ROOT, 'bench/results/latest.json'));
  const soakReport = readJson<SoakReport>(path.join(ROOT, 'bench/results/soak.json'));
  let document = fs.readFileSync(DOCS, 'utf8');
  if (latest) document = replaceBetweenMarkers(document, 'results', resultsMarkdown(latest, soakReport));
  if (soakReport) document = replaceBetweenMarkers(document, 'soak', soakMarkdown(soakReport));
  await writeDocs(document);
  log('updated docs/benchmarks.md from bench/results');
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.help) {
    console.log(HELP);
    return;
  }
  if (options.render) {
    await renderDocs();
    return;
  }
  if (!procAvailable()) throw new Error('the bench reads CPU and memory from /proc: run it on Linux');
  const started = Date.now();
  if (options.build) build();
  if (!fs.existsSync(options.apiMain))
    throw new Error(`${options.apiMain} does not exist: build the API first`);
  if (options.soak) await soak(options);
  else await benchmark(options);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
