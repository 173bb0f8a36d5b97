// The shapes written to bench/results/*.json and the tables rewritten in docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Machine {
  cpus: number;
  model: string;
  node: string;
  os: string;
  memoryGb: number;
}

export interface RunResult {
  name: string;
  target: 'ceiling' | 'sqlite' | 'mariadb';
  /** Why the target was not measured; every number is null then. */
  skipped: string | null;
  printers: number | null;
  /** Idle polls answered per second at saturation, spread over every printer token. */
  pollsPerSec: number | null;
  /** pollsPerSec / printers: how often each printer polled during that run (real printers: 0.1). */
  pollsPerPrinterPerSec: number | null;
  ratioToCeiling: number | null;
  /** Latency at a fixed 1,000 polls/s. */
  p50Ms: number | null;
  p99Ms: number | null;
  fixedRatePollsPerSec: number | null;
  /** Latency during the saturation run (queueing included). */
  saturatedP50Ms: number | null;
  saturatedP99Ms: number | null;
  /** The first poll after an order arrived (claimed, formatted and frozen then). */
  pollWithOrderP50Ms: number | null;
  pollWithOrderP99Ms: number | null;
  /** Later polls of the same unanswered order (same bytes again). */
  reservePollP50Ms: number | null;
  reservePollP99Ms: number | null;
  ordersPerSec: number | null;
  intakeP50Ms: number | null;
  callbacksPerSec: number | null;
  e2eP50Ms: number | null;
  e2eP99Ms: number | null;
  /** API CPU per 1,000 polls at the fixed 1,000 polls/s. */
  cpuMsPer1kPolls: number | null;
  /** API CPU per 1,000 polls at saturation. */
  cpuMsPer1kPollsSaturated: number | null;
  /** API CPU per second with no requests (timers, queue sweep, outbox): included in the above. */
  idleCpuMsPerSec: number | null;
  /** API resident memory at the end of the run, and its peak. */
  rssMb: number | null;
  rssPeakMb: number | null;
  /** Connection errors, timeouts and non-2xx answers during the poll runs. */
  failures: number | null;
}

export interface BenchReport {
  machine: Machine;
  date: string;
  quick: boolean;
  /** Which API build was measured (path of main.js, relative to the repository). */
  api: string;
  runs: RunResult[];
}

export interface SoakSample {
  seconds: number;
  rssMb: number;
  /** Used V8 heap, when the API exposes it on /metrics. */
  heapUsedMb: number | null;
  cpuSeconds: number;
}

export interface SoakReport {
  machine: Machine;
  date: string;
  api: string;
  database: 'sqlite';
  printers: number;
  pollIntervalMs: number;
  durationSeconds: number;
  ordersPerSec: number;
  polls: number;
  pollsPerSec: number;
  pollErrors: number;
  ordersPlaced: number;
  intakeFailures: number;
  ordersPrinted: number;
  accepted: number;
  duplicates: number;
  callbackFailures: number;
  pollP50Ms: number | null;
  pollP99Ms: number | null;
  rssStartMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  /** Least-squares slope over every sample, MB per minute. */
  slopeMbPerMin: number | null;
  /** The same after the warm-up (first fifth of the run, at most one minute). */
  slopeAfterWarmupMbPerMin: number | null;
  /** The used JS heap's slope after the warm-up; null when /metrics was not available. */
  heapSlopeAfterWarmupMbPerMin?: number | null;
  /** True when memory does not grow after the warm-up: slope at most +0.5 MB/min. */
  flat: boolean;
  cpuSecondsPerMinute: number;
  samples: SoakSample[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function readJson<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null;
}

/** Replaces the text between `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->`. */
export function replaceBetweenMarkers(document: string, name: string, body: string): string {
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = document.indexOf(begin);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) {
    throw new Error(`docs/benchmarks.md lacks the ${begin} … ${end} markers`);
  }
  return `${document.slice(0, from + begin.length)}\n${body.trim()}\n${document.slice(to)}`;
}
