// Many emulated printers polling for minutes while a trickle of orders arrives; the API's memory is
// sampled every 10 s to see whether it stays flat.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from './http';
import { cpuSeconds, rssMb } from './proc';
import { type Machine, type SoakReport, type SoakSample } from './results';
import { placeOrder, type SeededPrinter, seedRestaurant } from './seed';
import { round, slope } from './stats';
import { startApi } from './servers';

export interface SoakOptions {
  mainJs: string;
  /** The printer emulator's CLI (tools/printer-emulator/dist/cli.js). */
  emulatorCli: string;
  apiLabel: string;
  machine: Machine;
  printers: number;
  seconds: number;
  intervalMs: number;
  ordersPerSec: number;
  sampleEveryMs: number;
  log: (line: string) => void;
}

/** The subset of the emulator's `--json` summary the soak reports. */
interface FleetSummary {
  durationMs: number;
  totals: {
    polls: number;
    errors: number;
    ordersPrinted: number;
    accepted: number;
    duplicates: number;
    callbackFailures: number;
    pollLatencyP50Ms: number | null;
    pollLatencyP99Ms: number | null;
  };
}

/**
 * The fleet runs in its own process (the emulator CLI), so its thousands of sockets are neither
 * the API's nor this process's load; it prints its summary as JSON when the duration is over.
 */
function runEmulatorFleet(
  options: SoakOptions,
  printers: readonly SeededPrinter[],
  dir: string,
): Promise<FleetSummary> {
  const urls = path.join(dir, 'printers.json');
  fs.writeFileSync(
    urls,
    JSON.stringify(
      printers.map((p, i) => ({
        name: `printer-${i + 1}`,
        pollUrl: p.pollUrl,
        callbackUrl: p.callbackUrl,
        resId: p.resId,
        username: p.username,
        password: p.password,
      })),
    ),
  );
  const args = [
    options.emulatorCli,
    ...['--urls', urls, '--interval', String(options.intervalMs / 1000), '--policy', 'accept'],
    ...['--time-zone', 'Europe/Rome', '--duration', String(options.seconds)],
    ...['--json', '--quiet', '--out', path.join(dir, 'receipts.txt')],
  ];
  return new Promise((resolve, reject) => {
    const log = fs.openSync(path.join(dir, 'emulator.log'), 'w');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', log] });
    fs.closeSync(log);
    const out: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      try {
        resolve(JSON.parse(text) as FleetSummary);
      } catch {
        const tail = fs.readFileSync(path.join(dir, 'emulator.log'), 'utf8').slice(-1000);
        reject(new Error(`the emulator fleet exited with ${code} and no JSON summary:\n${tail}`));
      }
    });
  });
}

function mbPerMinute(samples: readonly SoakSample[], key: 'rssMb' | 'heapUsedMb' = 'rssMb'): number | null {
  const points = samples.flatMap((s) => {
    const y = s[key];
    return y === null ? [] : [{ x: s.seconds, y }];
  });
  const perSecond = slope(points);
  return perSecond === null ? null : perSecond * 60;
}

/**
 * The API's used JS heap from its Prometheus endpoint (`nodejs_heap_size_used_bytes`, readable from
 * loopback), to tell heap growth from native growth; null when the build has no such endpoint.
 */
async function heapUsedMb(baseUrl: string): Promise<number | null> {
  try {
    const answer = await request(`${baseUrl}/metrics`);
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)/m.exec(answer.text);
    return answer.status === 200 && match ? round(Number(match[1]) / 2 ** 20, 1) : null;
  } catch {
    return null;
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-soak-'));
  const api = await startApi('api-soak', options.mainJs, `sqlite:${path.join(dir, 'bridge.sqlite')}`, dir);
  try {
    options.log(`soak: seeding ${options.printers} printers through the API…`);
    const restaurant = await seedRestaurant(api.baseUrl, options.printers);
    const samples: SoakSample[] = [];
    const started = performance.now();
    const sample = async () => {
      samples.push({
        seconds: round((performance.now() - started) / 1000, 1) ?? 0,
        rssMb: round(rssMb(api.pid), 1) ?? 0,
        heapUsedMb: await heapUsedMb(api.baseUrl),
        cpuSeconds: round(cpuSeconds(api.pid), 2) ?? 0,
      });
    };
    await sample();
    const sampler = setInterval(() => {
      void sample().then(() => {
        const last = samples[samples.length - 1] as SoakSample;
        options.log(
          `soak: ${last.seconds} s, API RSS ${last.rssMb} MB, JS heap ${last.heapUsedMb ?? '?'} MB, CPU ${last.cpuSeconds} s`,
        );
      });
    }, options.sampleEveryMs);

    let ordersPlaced = 0;
    let intakeFailures = 0;
    const intake =
      options.ordersPerSec > 0
        ? setInterval(() => {
            const printer = restaurant.printers[Math.floor(Math.random() * restaurant.printers.length)];
            if (!printer) return;
            placeOrder(restaurant, printer.id).then(
              () => (ordersPlaced += 1),
              () => (intakeFailures += 1),
            );
          }, 1000 / options.ordersPerSec)
        : null;

    options.log(
      `soak: ${options.printers} printers polling every ${options.intervalMs} ms for ${options.seconds} s…`,
    );
    const summary = await runEmulatorFleet(options, restaurant.printers, dir);
    if (intake) clearInterval(intake);
    clearInterval(sampler);
    await sample();

    const warmupSeconds = Math.min(60, options.seconds / 5);
    const rss = samples.map((s) => s.rssMb);
    const afterWarmup = mbPerMinute(samples.filter((s) => s.seconds >= warmupSeconds));
    const first = samples[0] as SoakSample;
    const last = samples[samples.length - 1] as SoakSample;
    const { totals } = summary;
    return {
      machine: options.machine,
      date: new Date().toISOString(),
      api: options.apiLabel,
      database: 'sqlite',
      printers: options.printers,
      pollIntervalMs: options.intervalMs,
      durationSeconds: Math.round(summary.durationMs / 1000),
      ordersPerSec: options.ordersPerSec,
      polls: totals.polls,
      pollsPerSec: Math.round(totals.polls / (summary.durationMs / 1000)),
      pollErrors: totals.errors,
      ordersPlaced,
      intakeFailures,
      ordersPrinted: totals.ordersPrinted,
      accepted: totals.accepted,
      duplicates: totals.duplicates,
      callbackFailures: totals.callbackFailures,
      pollP50Ms: totals.pollLatencyP50Ms,
      pollP99Ms: totals.pollLatencyP99Ms,
      rssStartMb: first.rssMb,
      rssEndMb: last.rssMb,
      rssMaxMb: Math.max(...rss),
      slopeMbPerMin: round(mbPerMinute(samples), 3),
      slopeAfterWarmupMbPerMin: round(afterWarmup, 3),
      heapSlopeAfterWarmupMbPerMin: round(
        mbPerMinute(
          samples.filter((s) => s.seconds >= warmupSeconds),
          'heapUsedMb',
        ),
        3,
      ),
      flat: afterWarmup !== null && afterWarmup <= 0.5,
      cpuSecondsPerMinute: round(((last.cpuSeconds - first.cpuSeconds) / (last.seconds || 1)) * 60, 2) ?? 0,
      samples,
    };
  } finally {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
