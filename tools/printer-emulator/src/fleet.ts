// Many printers at once, stop conditions, and the end-of-run summary.
import { emptyStats, Printer, type PrinterOptions, type PrinterStats } from './printer';

export type StopReason = 'until' | 'duration' | 'max-orders' | 'until-idle' | 'signal';

export interface FleetOptions {
  /** Checked after every poll cycle of any printer; true stops the fleet. */
  until?: (printers: readonly Printer[]) => boolean;
  /** Stop after this long. */
  durationMs?: number;
  /** Stop once this many orders were handled fleet-wide (answered, or left unanswered by the policy). */
  maxOrders?: number;
  /** Stop once an order has been seen and every printer has made this many polls in a row without
   *  one. Never fires if no order ever arrives: pair it with `durationMs` as a guard. */
  untilIdle?: number;
  /** Abort = stop (the CLI wires SIGINT here). */
  signal?: AbortSignal;
  /** Spread first polls across one interval so printers don't poll in lockstep. Default true. */
  stagger?: boolean;
  /** Called with the printers once they are created, before they start. */
  onStart?: (printers: readonly Printer[]) => void;
}

export type PrinterSummary = Omit<PrinterStats, 'pollLatencies'> & {
  name: string;
  pollLatencyP50Ms: number | null;
  pollLatencyP99Ms: number | null;
};

export interface FleetSummary {
  stopReason: StopReason;
  durationMs: number;
  printers: PrinterSummary[];
  totals: PrinterSummary;
}

/** Runs printers until a stop condition holds, stops them all, and summarises. */
export async function runFleet(
  configs: readonly PrinterOptions[],
  options: FleetOptions = {},
): Promise<FleetSummary> {
  if (configs.length === 0) throw new RangeError('runFleet needs at least one printer');
  const stagger = options.stagger ?? true;
  const printers = configs.map(
    (config, i) =>
      new Printer({
        ...config,
        name: config.name ?? `printer-${i + 1}`,
        startDelayMs:
          config.startDelayMs ??
          (stagger ? Math.round((i * (config.intervalMs ?? 10_000)) / configs.length) : 0),
      }),
  );
  options.onStart?.(printers);
  const startedAt = Date.now();
  const cleanups: Array<() => void> = [];
  let stopReason: StopReason;
  try {
    stopReason = await new Promise<StopReason>((resolve, reject) => {
      const check = (): void => {
        try {
          const reason = stopCondition(printers, options);
          if (reason) resolve(reason);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      for (const printer of printers) cleanups.push(printer.subscribe(check));
      if (options.durationMs !== undefined) {
        const timer = setTimeout(() => resolve('duration'), options.durationMs);
        cleanups.push(() => clearTimeout(timer));
      }
      const { signal } = options;
      if (signal) {
        if (signal.aborted) return resolve('signal');
        const onAbort = (): void => resolve('signal');
        signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener('abort', onAbort));
      }
      for (const printer of printers) printer.start();
      check();
    });
  } finally {
    for (const cleanup of cleanups) cleanup();
    await Promise.all(printers.map((printer) => printer.stop()));
  }
  return summarize(printers, stopReason, Date.now() - startedAt);
}

function stopCondition(printers: readonly Printer[], options: FleetOptions): StopReason | null {
  if (options.until?.(printers)) return 'until';
  const sum = (pick: (s: Readonly<PrinterStats>) => number): number =>
    printers.reduce((total, p) => total + pick(p.stats), 0);
  if (
    options.maxOrders !== undefined &&
    sum((s) => s.accepted + s.rejected + s.ignored) >= options.maxOrders
  ) {
    return 'max-orders';
  }
  const idle = options.untilIdle;
  if (idle !== undefined && sum((s) => s.ordersPrinted) > 0 && printers.every((p) => p.idlePolls >= idle)) {
    return 'until-idle';
  }
  return null;
}

/** Nearest-rank percentile; null for no samples. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function summarizePrinter(name: string, stats: Readonly<PrinterStats>): PrinterSummary {
  const { pollLatencies, ...counters } = stats;
  return {
    name,
    ...counters,
    pollLatencyP50Ms: percentile(pollLatencies, 50),
    pollLatencyP99Ms: percentile(pollLatencies, 99),
  };
}

export function summarize(
  printers: readonly Printer[],
  stopReason: StopReason,
  durationMs: number,
): FleetSummary {
  const all = printers.map((p) => p.stats);
  const totals = all.reduce<PrinterStats>(
    (acc, s) => ({
      polls: acc.polls + s.polls,
      emptyPolls: acc.emptyPolls + s.emptyPolls,
      commands: acc.commands + s.commands,
      ordersPrinted: acc.ordersPrinted + s.ordersPrinted,
      accepted: acc.accepted + s.accepted,
      rejected: acc.rejected + s.rejected,
      ignored: acc.ignored + s.ignored,
      duplicates: acc.duplicates + s.duplicates,
      reserved: acc.reserved + s.reserved,
      errors: acc.errors + s.errors,
      callbackFailures: acc.callbackFailures + s.callbackFailures,
      pollLatencies: acc.pollLatencies.concat(s.pollLatencies),
    }),
    emptyStats(),
  );
  return {
    stopReason,
    durationMs,
    printers: printers.map((p) => summarizePrinter(p.name, p.stats)),
    totals: summarizePrinter('TOTAL', totals),
  };
}

const COLUMNS: ReadonlyArray<readonly [string, (s: PrinterSummary) => string | number]> = [
  ['printer', (s) => s.name],
  ['polls', (s) => s.polls],
  ['empty', (s) => s.emptyPolls],
  ['printed', (s) => s.ordersPrinted],
  ['accepted', (s) => s.accepted],
  ['rejected', (s) => s.rejected],
  ['ignored', (s) => s.ignored],
  ['DUPLICATES', (s) => s.duplicates],
  ['re-served', (s) => s.reserved],
  ['errors', (s) => s.errors],
  ['cb-fail', (s) => s.callbackFailures],
  ['p50 ms', (s) => s.pollLatencyP50Ms ?? '-'],
  ['p99 ms', (s) => s.pollLatencyP99Ms ?? '-'],
];

/** A plain-text table: one row per printer (when more than one) plus the totals. */
export function formatSummary(summary: FleetSummary): string {
  const rows = summary.printers.length > 1 ? [...summary.printers, summary.totals] : summary.printers;
  const table = [
    COLUMNS.map(([title]) => title),
    ...rows.map((row) => COLUMNS.map(([, get]) => String(get(row)))),
  ];
  const widths = COLUMNS.map((_, col) => Math.max(...table.map((cells) => (cells[col] ?? '').length)));
  const lines = table.map((cells) =>
    cells
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join('  '),
  );
  const seconds = (summary.durationMs / 1000).toFixed(1);
  return [`stopped (${summary.stopReason}) after ${seconds} s`, ...lines].join('\n') + '\n';
}
