// One emulated GoodCom GT6000SW: poll the order URL, print what comes back, answer on the callback
// URL, and count everything a bridge can get wrong (duplicates above all).
import { decodeOrder, renderReceipt, type DecodedOrder } from '@goodcom/protocol';
import { performance } from 'node:perf_hooks';
import {
  AbortedError,
  buildQuery,
  requestTarget,
  sendRequest,
  type RawRequest,
  type RawResponse,
} from './http';
import {
  clockFormatter,
  createRng,
  DEFAULT_REJECT_REASONS,
  POLICY_NAMES,
  toSentAnswer,
  type Answer,
  type Policy,
  type SentAnswer,
} from './policy';

/** Firmware reads bodies in 1 KiB pieces when it uses Range. */
export const RANGE_CHUNK_BYTES = 1024;
/** Stop asking for more pieces past this; a real printer's buffer is ~3 KiB. */
const MAX_RANGE_CHUNKS = 64;

export interface PrinterOptions {
  /** Label used in logs and summaries. Default `printer`. */
  name?: string;
  /** The "order receiving URL"; `a`, `u`, `p` are appended. */
  pollUrl: string;
  /** The callback URL; `a, o, ak, m, dt, u, p` are appended (GET) or sent as a form (POST). */
  callbackUrl: string;
  resId: string;
  username: string;
  password: string;
  /** Pause between polls. Default 10 000. */
  intervalMs?: number;
  /** Default `accept`. */
  policy?: Policy;
  /** Promised time on accept = now + this. Default 15. */
  acceptMinutes?: number;
  /** Fixed reject reason; default: a random entry of `rejectReasons`. */
  reason?: string;
  /** Default: the GoodCom factory list. */
  rejectReasons?: readonly string[];
  /** Probability of accepting under the `random` policy. Default 0.7. */
  acceptRatio?: number;
  /** Seeds the `random` policy and reason picks. Default: random. */
  seed?: number;
  /** IANA zone for `dt`. Default: the system zone. */
  timeZone?: string;
  /** Default `GET`. */
  callbackMethod?: 'GET' | 'POST';
  /** Write query/form values unencoded (`m=TOO BUSY`), like firmware does. */
  rawSpaces?: boolean;
  /** Absolute-form request line (`GET http://host/path?... HTTP/1.1`), like firmware does. */
  absoluteForm?: boolean;
  /** Read the poll body in 1 KiB `Range` chunks. */
  range?: boolean;
  /** Receipt columns. Default 32. */
  width?: number;
  /** In-field newline token. Default `%%`. */
  newline?: string;
  /** Must start with `gc(` to look like a GoodCom printer. */
  userAgent?: string;
  /** Per request. Default 10 000. */
  requestTimeoutMs?: number;
  /** Delay before the first poll (fleets stagger their printers with it). Default 0. */
  startDelayMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** Receives each printed receipt (`order` is null for an HttpC print command). */
  onReceipt?: (text: string, order: PrintedOrder | null) => void;
  /** Receives human-readable event lines (printed, answered, duplicate, errors...). */
  onLog?: (line: string) => void;
}

export interface PrinterStats {
  polls: number;
  /** Polls answered with an empty body or text without an order frame. */
  emptyPolls: number;
  /** HttpC `#!*P*` / `#!*D*` commands received. */
  commands: number;
  ordersPrinted: number;
  /** Successful callbacks (`HTTP/1.1 200 OK`), counted once per order. */
  accepted: number;
  rejected: number;
  /** Orders the policy chose not to answer (`none`, or a policy function returning null). */
  ignored: number;
  /** An order served again after its callback succeeded: the bug this tool exists to catch. */
  duplicates: number;
  /** An order served again while still unanswered (legitimate re-delivery). */
  reserved: number;
  /** Failed polls (network, timeout, unexpected status, undecodable body) and policy failures. */
  errors: number;
  /** Callbacks that did not get `HTTP/1.1 200 OK` (retried on the next cycle). */
  callbackFailures: number;
  /** Milliseconds per successful poll (all Range chunks included). */
  pollLatencies: number[];
}

export interface PrintedOrder {
  orderId: string;
  order: DecodedOrder;
  /** The body as served. */
  wire: string;
  receipt: string;
  printedAt: Date;
  /** How many times the server served it (1 = never re-served). */
  deliveries: number;
  /** The answer staff chose; null while nobody answers. */
  answer: SentAnswer | null;
  callbackAttempts: number;
  /** When the server acknowledged the callback; null while unanswered. */
  answeredAt: Date | null;
}

export function emptyStats(): PrinterStats {
  return {
    polls: 0,
    emptyPolls: 0,
    commands: 0,
    ordersPrinted: 0,
    accepted: 0,
    rejected: 0,
    ignored: 0,
    duplicates: 0,
    reserved: 0,
    errors: 0,
    callbackFailures: 0,
    pollLatencies: [],
  };
}

export class Printer {
  readonly name: string;
  readonly intervalMs: number;
  private readonly options: PrinterOptions;
  private readonly pollUrl: URL;
  private readonly callbackUrl: URL;
  private readonly clock: (date: Date) => string;
  private readonly rng: () => number;
  private readonly s = emptyStats();
  private readonly records = new Map<string, PrintedOrder>();
  private readonly list: PrintedOrder[] = [];
  /** Order ids whose answer still has to reach the server. */
  private readonly pending = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private idle = 0;
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private abort = new AbortController();

  constructor(options: PrinterOptions) {
    this.options = options;
    this.name = options.name ?? 'printer';
    this.pollUrl = parseUrl(options.pollUrl, 'pollUrl');
    this.callbackUrl = parseUrl(options.callbackUrl, 'callbackUrl');
    this.intervalMs = options.intervalMs ?? 10_000;
    if (!(this.intervalMs >= 0)) throw new RangeError('intervalMs must be >= 0');
    const ratio = options.acceptRatio ?? 0.7;
    if (!(ratio >= 0 && ratio <= 1)) throw new RangeError('acceptRatio must be between 0 and 1');
    const policy = options.policy ?? 'accept';
    if (typeof policy === 'string' && !POLICY_NAMES.includes(policy)) {
      throw new RangeError(`unknown policy ${String(policy)}`);
    }
    if ((options.rejectReasons ?? DEFAULT_REJECT_REASONS).length === 0) {
      throw new RangeError('rejectReasons must not be empty');
    }
    this.clock = clockFormatter(options.timeZone); // throws RangeError on an unknown zone
    this.rng = createRng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** Live counters; read them any time. */
  get stats(): Readonly<PrinterStats> {
    return this.s;
  }

  /** Every order printed, in print order (re-served orders are not listed twice). */
  get printed(): readonly PrintedOrder[] {
    return this.list;
  }

  get running(): boolean {
    return this.active;
  }

  /** Consecutive polls that brought no order (empty, command or unparseable). */
  get idlePolls(): number {
    return this.idle;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.abort = new AbortController();
    this.schedule(this.options.startDelayMs ?? 0);
  }

  /** Stops polling, aborts requests in flight and resolves once the current cycle has unwound. */
  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort.abort();
    await this.inFlight;
    this.notify();
  }

  /** Calls `listener` after every poll cycle and after each print. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when `predicate` holds (checked now, after every cycle and print); rejects on timeout. */
  waitFor(predicate: (printer: Printer) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): boolean => {
        try {
          if (!predicate(this)) return false;
          settle(null);
        } catch (err) {
          settle(err instanceof Error ? err : new Error(String(err)));
        }
        return true;
      };
      const settle = (err: Error | null): void => {
        clearTimeout(timer);
        unsubscribe();
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(
        () => settle(new Error(`${this.name}: condition not met within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.runCycle();
    }, delayMs);
  }

  private async runCycle(): Promise<void> {
    let delay = this.intervalMs;
    try {
      delay = await this.cycle();
    } catch (err) {
      if (this.active) this.countError('cycle failed', err);
    }
    this.inFlight = undefined;
    if (this.active) this.schedule(delay);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** One firmware cycle: poll, print, answer. Returns the delay before the next one. */
  private async cycle(): Promise<number> {
    let body: string | null = null;
    try {
      body = await this.poll();
    } catch (err) {
      this.rethrowIfStopping(err);
      this.countError('poll failed', err);
    }
    if (body !== null) await this.handleBody(body);
    const moreOrders = await this.sendPendingCallbacks();
    // The GoodCom sample server sets `More-orders: 1` on the callback answer so the printer
    // fetches the next order right away instead of sleeping a full interval.
    return moreOrders ? 0 : this.intervalMs;
  }

  private async poll(): Promise<string> {
    this.s.polls++;
    const started = performance.now();
    const { resId, username, password } = this.options;
    const query = buildQuery(
      [
        ['a', resId],
        ['u', username],
        ['p', password],
      ],
      this.options.rawSpaces ?? false,
    );
    const target = requestTarget(this.pollUrl, query, this.options.absoluteForm ?? false);
    const body = this.options.range ? await this.fetchRanged(target) : await this.fetchWhole(target);
    this.s.pollLatencies.push(Math.round((performance.now() - started) * 10) / 10);
    return body.toString('utf8');
  }

  private async fetchWhole(target: string): Promise<Buffer> {
    const res = await this.request({ method: 'GET', url: this.pollUrl, target });
    if (res.status !== 200 && res.status !== 206) throw new Error(`poll answered ${res.statusLine}`);
    return res.body;
  }

  /** Reads the body 1 KiB at a time like the firmware: 200 = whole body, 206 = one slice,
   *  416 = nothing (more) to read. */
  private async fetchRanged(target: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    let start = 0;
    for (let chunk = 0; chunk < MAX_RANGE_CHUNKS; chunk++) {
      const range = `bytes=${start}-${start + RANGE_CHUNK_BYTES - 1}`;
      const res = await this.request({ method: 'GET', url: this.pollUrl, target, headers: { Range: range } });
      if (res.status === 200) return res.body;
      if (res.status === 416) break;
      if (res.status !== 206) throw new Error(`poll (${range}) answered ${res.statusLine}`);
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
      if (!m || Number(m[1]) !== start) {
        throw new Error(`poll (${range}) answered 206 with Content-Range ${res.headers['content-range']}`);
      }
      parts.push(res.body);
      start = Number(m[2]) + 1;
      const total = m[3] === '*' ? null : Number(m[3]);
      if (total !== null ? start >= total : res.body.length < RANGE_CHUNK_BYTES) break;
    }
    return Buffer.concat(parts);
  }

  private async handleBody(body: string): Promise<void> {
    if (!body.includes('#')) {
      this.s.emptyPolls++;
      this.idle++;
      return;
    }
    const command = /^\s*#!\*([PD])\*([\s\S]*)$/.exec(body);
    if (command) {
      this.s.commands++;
      this.idle++;
      // `\1`..`\3` select a font size; the preview just drops them.
      const text = (command[2] ?? '').replace(/^\\[123]/, '').replace(/\r?\n$/, '');
      if (command[1] === 'P') this.options.onReceipt?.(text, null);
      this.log(command[1] === 'P' ? `print command: ${text}` : `display: ${text}`);
      return;
    }
    let order: DecodedOrder;
    try {
      order = decodeOrder(body);
    } catch (err) {
      if (!isNotAnOrder(err)) return this.countError('undecodable poll body', err);
      this.s.emptyPolls++;
      this.idle++;
      this.log(`body has '#' but no order frame, ignored: ${JSON.stringify(body.slice(0, 60))}`);
      return;
    }
    this.idle = 0;
    const known = this.records.get(order.orderId);
    if (known) return this.onServedAgain(known);
    await this.print(order, body);
  }

  private onServedAgain(record: PrintedOrder): void {
    record.deliveries++;
    if (!record.answeredAt) {
      this.s.reserved++;
      this.log(`order ${record.orderId} served again while unanswered (not printed again)`);
      return;
    }
    this.s.duplicates++;
    this.log(`DUPLICATE: order ${record.orderId} served again after it was answered`);
    // Repeat the answer (callbacks must be idempotent) so the server can move on.
    if (record.answer) this.pending.add(record.orderId);
  }

  private async print(order: DecodedOrder, wire: string): Promise<void> {
    const width = this.options.width ?? 32;
    let receipt: string;
    try {
      receipt = renderReceipt(order, { width, newline: this.options.newline ?? '%%' });
    } catch (err) {
      this.countError(`could not render order ${order.orderId}`, err);
      receipt = wire.trim();
    }
    const record: PrintedOrder = {
      orderId: order.orderId,
      order,
      wire: wire.trim(),
      receipt,
      printedAt: this.now(),
      deliveries: 1,
      answer: null,
      callbackAttempts: 0,
      answeredAt: null,
    };
    this.records.set(order.orderId, record);
    this.list.push(record);
    this.s.ordersPrinted++;
    this.options.onReceipt?.(receipt, record);
    this.log(`printed order ${order.orderId}`);
    if (order.warnings.length > 0) this.log(`order ${order.orderId}: ${order.warnings.join('; ')}`);
    this.notify(); // the policy may take a while (a human on stdin): let waiters see the print now

    let answer: Answer | null;
    try {
      answer = await raceAbort(Promise.resolve(this.decide(order)), this.abort.signal);
    } catch (err) {
      this.rethrowIfStopping(err);
      return this.countError(`policy failed for order ${order.orderId}`, err);
    }
    if (answer === null) {
      this.s.ignored++;
      this.log(`nobody answers order ${order.orderId}`);
      return;
    }
    record.answer = toSentAnswer(answer, this.now(), {
      minutes: this.options.acceptMinutes ?? 15,
      reason: () => this.pickReason(),
      clock: this.clock,
    });
    this.pending.add(order.orderId);
  }

  private decide(order: DecodedOrder): Answer | null | Promise<Answer | null> {
    const policy = this.options.policy ?? 'accept';
    if (typeof policy === 'function') return policy(order);
    switch (policy) {
      case 'accept':
        return { accept: true };
      case 'reject':
        return { accept: false };
      case 'random':
        return this.rng() < (this.options.acceptRatio ?? 0.7) ? { accept: true } : { accept: false };
      case 'none':
        return null;
    }
  }

  private pickReason(): string {
    if (this.options.reason !== undefined) return this.options.reason;
    const reasons = this.options.rejectReasons ?? DEFAULT_REJECT_REASONS;
    return reasons[Math.floor(this.rng() * reasons.length)] ?? 'TOO BUSY';
  }

  /** Sends every decided-but-undelivered answer. Returns true if the server said More-orders. */
  private async sendPendingCallbacks(): Promise<boolean> {
    let moreOrders = false;
    for (const orderId of [...this.pending]) {
      const record = this.records.get(orderId);
      if (!record?.answer) continue;
      record.callbackAttempts++;
      let res: RawResponse;
      try {
        res = await this.sendCallback(orderId, record.answer);
      } catch (err) {
        this.rethrowIfStopping(err);
        this.s.callbackFailures++;
        this.log(`callback for order ${orderId} failed (${errorText(err)}); retrying next cycle`);
        continue;
      }
      // Firmware looks for this exact status line and nothing else.
      if (res.statusLine !== 'HTTP/1.1 200 OK') {
        this.s.callbackFailures++;
        this.log(`callback for order ${orderId} answered "${res.statusLine}"; retrying next cycle`);
        continue;
      }
      this.pending.delete(orderId);
      moreOrders ||= res.headers['more-orders'] === '1';
      if (record.answeredAt) continue; // a repeated answer for a duplicate is not counted again
      record.answeredAt = this.now();
      const accepted = record.answer.ak === 'Accepted';
      if (accepted) this.s.accepted++;
      else this.s.rejected++;
      this.log(
        `${accepted ? 'accepted' : 'rejected'} order ${orderId} (m=${record.answer.m} dt=${record.answer.dt})`,
      );
    }
    return moreOrders;
  }

  private sendCallback(orderId: string, answer: SentAnswer): Promise<RawResponse> {
    const { resId, username, password } = this.options;
    const fields = buildQuery(
      [
        ['a', resId],
        ['o', orderId],
        ['ak', answer.ak],
        ['m', answer.m],
        ['dt', answer.dt],
        ['u', username],
        ['p', password],
      ],
      this.options.rawSpaces ?? false,
    );
    const absolute = this.options.absoluteForm ?? false;
    if (this.options.callbackMethod === 'POST') {
      return this.request({
        method: 'POST',
        url: this.callbackUrl,
        target: requestTarget(this.callbackUrl, null, absolute),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: fields,
      });
    }
    return this.request({
      method: 'GET',
      url: this.callbackUrl,
      target: requestTarget(this.callbackUrl, fields, absolute),
    });
  }

  private request(req: Omit<RawRequest, 'timeoutMs' | 'signal'>): Promise<RawResponse> {
    return sendRequest({
      ...req,
      // Header set of the firmware's request builder.
      headers: {
        'User-Agent': this.options.userAgent ?? 'gc(GT6000SW; goodcom-emulator)',
        Accept: '*/*',
        Pragma: 'no-cache',
        ...req.headers,
      },
      timeoutMs: this.options.requestTimeoutMs ?? 10_000,
      signal: this.abort.signal,
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private rethrowIfStopping(err: unknown): void {
    if (err instanceof AbortedError || !this.active) throw err;
  }

  private countError(what: string, err: unknown): void {
    this.s.errors++;
    this.log(`${what}: ${errorText(err)}`);
  }

  private log(line: string): void {
    this.options.onLog?.(line);
  }
}

export function createPrinter(options: PrinterOptions): Printer {
  return new Printer(options);
}

function parseUrl(value: string, what: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new TypeError(`${what} is not a valid URL: ${value}`);
  }
}

/** `decodeOrder` throws a ProtocolError with code `not_an_order` when there is no `#…#` frame. */
function isNotAnOrder(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'not_an_order';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Lets stop() interrupt a policy that is waiting (e.g. for a human on stdin). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError());
    const onAbort = (): void => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
