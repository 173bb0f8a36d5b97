#!/usr/bin/env node
// Command-line front end: flags → printer options → runFleet → summary and exit code.
import { appendFileSync, readFileSync } from 'node:fs';
import readline from 'node:readline';
import { type Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { formatSummary, runFleet, type FleetOptions } from './fleet';
import { DEFAULT_REJECT_REASONS, POLICY_NAMES, type Answer, type PolicyFunction } from './policy';
import { Printer, type PrinterOptions, type PrintedOrder } from './printer';

export const HELP = `goodcom-emulator: behaves like a GoodCom GT6000SW order printer.

Usage:
  goodcom-emulator --poll-url URL --callback-url URL --res-id ID --username U --password P [options]
  goodcom-emulator --urls printers.json [--fleet N] [options]

Printer:
  --poll-url URL          order receiving URL (a, u, p are appended with ? or &)
  --callback-url URL      callback URL (a, o, ak, m, dt, u, p are appended, or POSTed)
  --res-id ID             RES ID sent as a=
  --username U            login web user name sent as u=
  --password P            login web password sent as p=
  --interval SECONDS      pause between polls, fractions allowed (default 10)
  --range                 read the order in 1 KiB "Range: bytes=a-b" chunks like firmware
  --absolute-form         absolute-form request line: GET http://host:port/path?... HTTP/1.1
  --raw-spaces            send values unencoded (m=TOO BUSY) like firmware; breaks strict servers
  --callback-method M     GET (default) or POST (application/x-www-form-urlencoded)
  --user-agent UA         default "gc(GT6000SW; goodcom-emulator)"
  --timeout SECONDS       per-request timeout (default 10)

Staff (how orders are answered):
  --policy P              accept (default) | reject | random | manual | none
                          manual asks on stdin; none prints but never answers
  --accept-minutes N      accept: dt = now + N minutes as HH:MM (default 15)
  --time-zone ZONE        IANA zone for dt (default: system zone)
  --reason TEXT           reject reason (default: random from the GoodCom list)
  --accept-ratio R        random: probability of accepting (default 0.7)
  --seed N                random: seed for reproducible runs

Output:
  --width N               receipt columns (default 32; 42-48 for 80 mm paper)
  --newline TOKEN         in-field newline token (default %%)
  --out FILE              append receipts to FILE instead of stdout
  --json                  print the summary as JSON on stdout (receipts then only go to --out)
  --quiet                 no event log on stderr

Fleet:
  --urls FILE             JSON array of { pollUrl, callbackUrl, resId, username, password, name? }
  --fleet N               run N printers (default: every entry of --urls; without --urls,
                          N copies of the single printer)

Stopping (default: run until Ctrl-C, which prints the summary and exits 0):
  --duration SECONDS      stop after this long
  --max-orders N          stop after N orders were handled (answered, or ignored by policy none)
  --until-idle K          stop once an order was seen and every printer then made K empty
                          polls in a row; never fires if no order arrives (add --duration)
  --fail-on-duplicates    exit 1 if any order was served again after it was answered

  -h, --help              this text
`;

const OPTIONS = {
  'poll-url': { type: 'string' },
  'callback-url': { type: 'string' },
  'res-id': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  interval: { type: 'string' },
  range: { type: 'boolean' },
  'absolute-form': { type: 'boolean' },
  'raw-spaces': { type: 'boolean' },
  'callback-method': { type: 'string' },
  'user-agent': { type: 'string' },
  timeout: { type: 'string' },
  policy: { type: 'string' },
  'accept-minutes': { type: 'string' },
  'time-zone': { type: 'string' },
  reason: { type: 'string' },
  'accept-ratio': { type: 'string' },
  seed: { type: 'string' },
  width: { type: 'string' },
  newline: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  urls: { type: 'string' },
  fleet: { type: 'string' },
  duration: { type: 'string' },
  'max-orders': { type: 'string' },
  'until-idle': { type: 'string' },
  'fail-on-duplicates': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Read by `--policy manual`. */
  stdin?: Readable;
  /** Aborting it stops the run like Ctrl-C. */
  signal?: AbortSignal;
}

class UsageError extends Error {}

type Connection = Pick<
  PrinterOptions,
  'pollUrl' | 'callbackUrl' | 'resId' | 'username' | 'password' | 'name'
>;

/** Runs the CLI; resolves with the process exit code (0 ok, 1 duplicates with --fail-on-duplicates
 *  or a runtime failure, 2 bad usage). */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let values: ReturnType<typeof parse>;
  let connections: Connection[];
  try {
    values = parse(argv);
    if (values.help) {
      stdout.write(HELP);
      return 0;
    }
    connections = readConnections(values);
  } catch (err) {
    if (!(err instanceof UsageError || isParseArgsError(err))) throw err;
    stderr.write(`goodcom-emulator: ${err.message}\nRun with --help for usage.\n`);
    return 2;
  }

  const stop = new AbortController();
  const forwardAbort = (): void => stop.abort();
  io.signal?.addEventListener('abort', forwardAbort, { once: true });
  if (io.signal?.aborted) stop.abort();

  const policyName = values.policy ?? 'accept';
  let rl: readline.Interface | undefined;
  let manual: PolicyFunction | undefined;
  if (policyName === 'manual') {
    // terminal: false keeps Ctrl-C a real SIGINT (a TTY-mode readline would swallow it).
    rl = readline.createInterface({ input: io.stdin ?? process.stdin, terminal: false });
    manual = manualPolicy(rl, stderr, values.reason);
  }

  const log = (name: string, line: string): void => {
    if (!values.quiet) stderr.write(`${new Date().toISOString().slice(11, 19)} ${name}: ${line}\n`);
  };
  const receipt = (name: string, text: string, order: PrintedOrder | null): void => {
    const block = `=== ${name} · ${order ? `order ${order.orderId}` : 'print command'} ===\n${text.trimEnd()}\n\n`;
    if (values.out) appendFileSync(values.out, block);
    else if (!values.json) stdout.write(block);
  };

  try {
    let configs: PrinterOptions[];
    let fleetOptions: FleetOptions;
    try {
      const shared = sharedOptions(values, manual);
      configs = connections.map((connection, i): PrinterOptions => {
        const name = connection.name ?? (connections.length > 1 ? `printer-${i + 1}` : 'printer');
        return {
          ...shared,
          ...connection,
          name,
          onLog: (line) => log(name, line),
          onReceipt: (text, order) => receipt(name, text, order),
        };
      });
      fleetOptions = {
        signal: stop.signal,
        durationMs: optionalNumber(values.duration, 'duration', { min: 0 }, 1000),
        maxOrders: optionalNumber(values['max-orders'], 'max-orders', { min: 1, integer: true }),
        untilIdle: optionalNumber(values['until-idle'], 'until-idle', { min: 1, integer: true }),
      };
      // Constructing a printer validates its options (URLs, time zone, ranges) without side effects.
      for (const config of configs) new Printer(config);
    } catch (err) {
      // Everything in this block is option validation, so any error is a usage error.
      stderr.write(
        `goodcom-emulator: ${err instanceof Error ? err.message : String(err)}\nRun with --help for usage.\n`,
      );
      return 2;
    }
    const summary = await runFleet(configs, fleetOptions);
    stderr.write(formatSummary(summary));
    if (values.json) stdout.write(JSON.stringify(summary, null, 2) + '\n');
    if (values['fail-on-duplicates'] && summary.totals.duplicates > 0) {
      stderr.write(`goodcom-emulator: ${summary.totals.duplicates} duplicate order(s) seen\n`);
      return 1;
    }
    return 0;
  } finally {
    io.signal?.removeEventListener('abort', forwardAbort);
    rl?.close();
  }
}

// Checked by code, not instanceof: node's internal TypeError may come from another realm (Jest).
function isParseArgsError(err: unknown): err is { code: string; message: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
}

function readConnections(values: ReturnType<typeof parse>): Connection[] {
  const fleet = optionalNumber(values.fleet, 'fleet', { min: 1, integer: true });
  if (values.urls !== undefined) {
    const entries = parseUrlsFile(values.urls);
    const count = fleet ?? entries.length;
    if (count > entries.length) {
      throw new UsageError(
        `--fleet ${count} needs at least ${count} entries in ${values.urls}, found ${entries.length}`,
      );
    }
    return entries.slice(0, count);
  }
  const single: Connection = {
    pollUrl: required(values['poll-url'], 'poll-url'),
    callbackUrl: required(values['callback-url'], 'callback-url'),
    resId: required(values['res-id'], 'res-id'),
    username: values.username ?? '',
    password: values.password ?? '',
  };
  // Without --urls every printer shares one account: handy to see how the server copes with
  // several devices claiming the same queue.
  return Array.from({ length: fleet ?? 1 }, () => ({ ...single }));
}

function parseUrlsFile(file: string): Connection[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read --urls ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(data) || data.length === 0)
    throw new UsageError(`--urls ${file} must be a non-empty JSON array`);
  return data.map((entry: unknown, i): Connection => {
    const field = (key: string, optional = false): string | undefined => {
      const value =
        typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
      if (typeof value === 'string') return value;
      if (optional && value === undefined) return undefined;
      throw new UsageError(`--urls ${file}: entry ${i} needs a string "${key}"`);
    };
    return {
      pollUrl: field('pollUrl') ?? '',
      callbackUrl: field('callbackUrl') ?? '',
      resId: field('resId') ?? '',
      username: field('username') ?? '',
      password: field('password') ?? '',
      name: field('name', true),
    };
  });
}

type Shared = Omit<PrinterOptions, keyof Connection | 'onLog' | 'onReceipt'>;

function sharedOptions(values: ReturnType<typeof parse>, manual: PolicyFunction | undefined): Shared {
  const policy = values.policy ?? 'accept';
  if (policy !== 'manual' && !POLICY_NAMES.some((name) => name === policy)) {
    throw new UsageError(`--policy must be one of ${[...POLICY_NAMES, 'manual'].join(', ')}`);
  }
  const method = (values['callback-method'] ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw new UsageError('--callback-method must be GET or POST');
  const userAgent = values['user-agent'];
  return {
    intervalMs: optionalNumber(values.interval, 'interval', { min: 0 }, 1000) ?? 10_000,
    policy: manual ?? POLICY_NAMES.find((name) => name === policy),
    acceptMinutes: optionalNumber(values['accept-minutes'], 'accept-minutes', { min: 0, integer: true }),
    timeZone: values['time-zone'],
    reason: values.reason,
    acceptRatio: optionalNumber(values['accept-ratio'], 'accept-ratio', { min: 0, max: 1 }),
    seed: optionalNumber(values.seed, 'seed', { integer: true }),
    callbackMethod: method,
    rawSpaces: values['raw-spaces'] ?? false,
    absoluteForm: values['absolute-form'] ?? false,
    range: values.range ?? false,
    width: optionalNumber(values.width, 'width', { min: 8, integer: true }),
    newline: values.newline,
    userAgent,
    requestTimeoutMs: optionalNumber(values.timeout, 'timeout', { min: 0.001 }, 1000),
  };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required (or use --urls)`);
  return value;
}

function optionalNumber(
  value: string | undefined,
  flag: string,
  limits: { min?: number; max?: number; integer?: boolean },
  scale = 1,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    (!limits.integer || Number.isInteger(n)) &&
    n >= (limits.min ?? -Infinity) &&
    n <= (limits.max ?? Infinity);
  if (!ok) throw new UsageError(`--${flag}: invalid value ${JSON.stringify(value)}`);
  return n * scale;
}

/** `--policy manual`: one question at a time on stdin, even with several printers. */
function manualPolicy(
  rl: readline.Interface,
  out: { write(text: string): unknown },
  fixedReason: string | undefined,
): PolicyFunction {
  // Lines typed (or piped) ahead of a question are kept, so `printf 'a\nr 2\n' | ...` works.
  const lines: string[] = [];
  const waiters: Array<(line: string | null) => void> = [];
  let closed = false;
  rl.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  rl.once('close', () => {
    closed = true;
    for (const waiter of waiters.splice(0)) waiter(null);
  });
  const reasons = DEFAULT_REJECT_REASONS;
  out.write(`Reject reasons: ${reasons.map((r, i) => `${i + 1}=${r}`).join(', ')}\n`);
  const ask = (prompt: string): Promise<string | null> => {
    out.write(prompt);
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (closed) return Promise.resolve(null);
    return new Promise((resolve) => waiters.push(resolve));
  };

  let queue: Promise<unknown> = Promise.resolve();
  return (order) => {
    const next = queue.then(async (): Promise<Answer | null> => {
      for (;;) {
        const line = await ask(
          `Order ${order.orderId} (total ${order.total}): a [minutes] = accept, r [1-${reasons.length}|text] = reject, s = skip > `,
        );
        if (line === null) return null; // stdin closed: nobody is at the printer
        const answer = parseManualAnswer(line, reasons, fixedReason);
        if (answer !== undefined) return answer;
        out.write('Please type a, a 20, r, r 2, r SOME REASON or s.\n');
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };
}

/** `undefined` = not understood, `null` = skip (leave unanswered). */
export function parseManualAnswer(
  line: string,
  reasons: readonly string[],
  fixedReason?: string,
): Answer | null | undefined {
  const match = /^\s*(a|accept|r|reject|s|skip)(?:\s+(.*?))?\s*$/i.exec(line);
  if (!match) return undefined;
  const [, key = '', rest = ''] = match;
  switch (key.charAt(0).toLowerCase()) {
    case 's':
      return null;
    case 'a': {
      if (rest === '') return { accept: true };
      const minutes = Number(rest);
      return Number.isInteger(minutes) && minutes >= 0 ? { accept: true, minutes } : undefined;
    }
    default: {
      if (rest === '') return { accept: false, reason: fixedReason };
      const index = Number(rest);
      if (Number.isInteger(index))
        return reasons[index - 1] ? { accept: false, reason: reasons[index - 1] } : undefined;
      return { accept: false, reason: rest };
    }
  }
}

if (require.main === module) {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130); // second Ctrl-C: give up on a clean stop
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  main(process.argv.slice(2), { signal: controller.signal })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(
        `goodcom-emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    })
    .finally(() => process.off('SIGINT', onSigint));
}
