// The measurements. Polls go through autocannon; order flows, whose every step depends on the
// previous answer, go through a plain keep-alive client and are timed request by request.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { request } from './http';
import { cpuSeconds } from './proc';
import {
  acceptUrl,
  getOrder,
  type OrderCreated,
  placeOrder,
  type Restaurant,
  type SeededPrinter,
  wireOrderNumber,
} from './seed';
import { mapPool, percentile } from './stats';

export interface PollLoad {
  /** Polls answered 200. */
  polls: number;
  seconds: number;
  pollsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Connection errors, timeouts and non-2xx answers: any of them makes the numbers suspect. */
  failures: number;
  /** API CPU (user + system) per 1,000 polls answered; null when no pid was given. */
  cpuMsPer1kPolls: number | null;
}

export interface PollLoadOptions {
  connections: number;
  seconds: number;
}

/**
 * Saturation: every connection sends its next poll as soon as the last one is answered. Polls
 * `paths` round-robin (connection k requests paths k, k+C, k+2C… in turn), so a run spreads over
 * every printer token instead of hammering one row.
 */
export async function pollLoad(
  baseUrl: string,
  paths: readonly string[],
  options: PollLoadOptions,
  pid: number | null,
): Promise<PollLoad> {
  let clientIndex = 0;
  const latencies: number[] = [];
  const cpuBefore = pid === null ? 0 : cpuSeconds(pid);
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    setupClient: (client) => {
      const k = clientIndex % options.connections;
      clientIndex += 1;
      const mine = paths.filter((_, i) => i % options.connections === k);
      const list = mine.length > 0 ? mine : [paths[k % paths.length] as string];
      client.setRequests(list.map((path) => ({ method: 'GET', path })));
    },
  });
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode === 200) latencies.push(ms);
  });
  const result = await instance;
  const cpuMs = pid === null ? null : (cpuSeconds(pid) - cpuBefore) * 1000;
  const polls = latencies.length;
  return {
    polls,
    seconds: result.duration,
    pollsPerSec: polls / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures: result.errors + result.timeouts + result.non2xx,
    cpuMsPer1kPolls: cpuMs === null || polls === 0 ? null : (cpuMs / polls) * 1000,
  };
}

/**
 * Open loop at a fixed rate: poll i is sent at start + i/rate whatever happened to the earlier ones
 * (a new keep-alive connection is opened when all are busy), so a slow answer cannot hold the next
 * polls back and hide its own delay. autocannon's `overallRate` is not used here: it lets every
 * connection send its whole per-second quota back to back at the top of each second, which measures
 * bursts of saturation rather than a steady 1,000 polls/s.
 */
export async function fixedRatePolls(
  baseUrl: string,
  paths: readonly string[],
  rate: number,
  seconds: number,
  pid: number | null,
): Promise<PollLoad> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = pid === null ? 0 : cpuSeconds(pid);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
      for (; sent < due; sent += 1) {
        const path = paths[sent % paths.length] as string;
        inFlight.push(
          request(`${baseUrl}${path}`).then(
            (answer) => {
              if (answer.status === 200) latencies.push(answer.ms);
              else failures += 1;
            },
            () => {
              failures += 1;
            },
          ),
        );
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const cpuMs = pid === null ? null : (cpuSeconds(pid) - cpuBefore) * 1000;
  const polls = latencies.length;
  return {
    polls,
    seconds: elapsed,
    pollsPerSec: polls / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures,
    cpuMsPer1kPolls: cpuMs === null || polls === 0 ? null : (cpuMs / polls) * 1000,
  };
}

export interface ServedOrder {
  printer: SeededPrinter;
  order: OrderCreated;
}

export interface OrderRound {
  served: ServedOrder[];
  intakeMs: number[];
  intakeSeconds: number;
  /** First poll after intake: the order is claimed, formatted and frozen. */
  firstServeMs: number[];
  /** A second poll before the answer: the same bytes again. */
  reserveMs: number[];
}

function assertOrderAnswer(printer: SeededPrinter, order: OrderCreated, text: string, status: number): void {
  if (status !== 200 || !text.startsWith('#')) {
    throw new Error(
      `poll of printer ${printer.id} with order ${order.number} waiting answered ${status} "${text.slice(0, 40)}"`,
    );
  }
  const number = wireOrderNumber(text);
  if (number !== String(order.number)) {
    throw new Error(`printer ${printer.id} was served order ${number}, expected ${order.number}`);
  }
}

/**
 * One order on each of `printers` (placed `intakeConcurrency` at a time), then each printer polls it
 * twice, one printer after the other, so each poll is timed without competing load.
 */
export async function serveOrders(
  restaurant: Restaurant,
  printers: readonly SeededPrinter[],
  intakeConcurrency: number,
): Promise<OrderRound> {
  const intakeMs: number[] = [];
  const intakeStarted = performance.now();
  const orders = await mapPool(printers, intakeConcurrency, async (printer) => {
    const started = performance.now();
    const order = await placeOrder(restaurant, printer.id);
    intakeMs.push(performance.now() - started);
    return order;
  });
  const intakeSeconds = (performance.now() - intakeStarted) / 1000;
  const firstServeMs: number[] = [];
  const reserveMs: number[] = [];
  const served: ServedOrder[] = [];
  for (const [i, printer] of printers.entries()) {
    const order = orders[i] as OrderCreated;
    const first = await request(`${restaurant.baseUrl}${printer.pollPath}`);
    assertOrderAnswer(printer, order, first.text, first.status);
    firstServeMs.push(first.ms);
    const again = await request(`${restaurant.baseUrl}${printer.pollPath}`);
    if (again.text !== first.text)
      throw new Error(`printer ${printer.id} got different bytes on its second poll`);
    reserveMs.push(again.ms);
    served.push({ printer, order });
  }
  return { served, intakeMs, intakeSeconds, firstServeMs, reserveMs };
}

export interface CallbackRun {
  callbacks: number;
  seconds: number;
  callbacksPerSec: number;
  /** Orders read back and found completed (a sample of the run). */
  verified: number;
}

/** Accepts every served order, `concurrency` callbacks in flight, then checks a sample read back. */
export async function acceptAll(
  restaurant: Restaurant,
  served: readonly ServedOrder[],
  concurrency: number,
): Promise<CallbackRun> {
  const started = performance.now();
  await mapPool(served, concurrency, async ({ printer, order }) => {
    const answer = await request(acceptUrl(printer, String(order.number)));
    if (answer.status !== 200)
      throw new Error(`callback for order ${order.number} answered ${answer.status}`);
  });
  const seconds = (performance.now() - started) / 1000;
  const step = Math.max(1, Math.floor(served.length / 20));
  let verified = 0;
  for (let i = 0; i < served.length; i += step) {
    const { order } = served[i] as ServedOrder;
    const stored = await getOrder(restaurant, order.id);
    if (stored.status !== 'completed')
      throw new Error(`order ${order.number} is ${stored.status} after its accept callback`);
    verified += 1;
  }
  return { callbacks: served.length, seconds, callbacksPerSec: served.length / seconds, verified };
}

/**
 * Intake to completed with a printer that polls in a tight loop and accepts at once: POST the
 * order, poll until it arrives, send Accepted. Orders run one after another on one printer; every
 * order is read back (untimed) to prove it really completed.
 */
export async function endToEnd(
  restaurant: Restaurant,
  printer: SeededPrinter,
  count: number,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const order = await placeOrder(restaurant, printer.id);
    let wire = '';
    for (let attempt = 0; attempt < 100 && !wire.startsWith('#'); attempt += 1) {
      wire = (await request(`${restaurant.baseUrl}${printer.pollPath}`)).text;
    }
    assertOrderAnswer(printer, order, wire, 200);
    const answer = await request(acceptUrl(printer, String(order.number)));
    samples.push(performance.now() - started);
    if (answer.status !== 200)
      throw new Error(`callback for order ${order.number} answered ${answer.status}`);
    const stored = await getOrder(restaurant, order.id);
    if (stored.status !== 'completed')
      throw new Error(`order ${order.number} is ${stored.status} after its accept callback`);
  }
  return samples;
}
