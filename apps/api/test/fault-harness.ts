// Helpers for the abuse and fault suites (and the scripts in bench/faults): raw requests, whole-list
// reads, the built API as a child process that can be killed, a round-robin TCP proxy in front of
// several instances, an order-sending loop that survives outages, and the printer emulator library.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { http, type HttpResult, type TestServer } from './harness';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The env-configured server built by `nx run api:build` (a dependency of the api test target). */
export const API_MAIN = path.join(REPO_ROOT, 'apps/api/dist/main.js');
/** The emulator library built by `nx run printer-emulator:build`. */
const EMULATOR_LIB = path.join(REPO_ROOT, 'tools/printer-emulator/dist/index.js');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `http()`, `signup()`, `createPrinter()`… only read `baseUrl`: this lets them talk to any server. */
export function remote(baseUrl: string): TestServer {
  return { baseUrl } as TestServer;
}

/** A request whose body is sent byte for byte (invalid UTF-8, any content type or encoding). */
export async function sendRaw(
  baseUrl: string,
  method: string,
  urlPath: string,
  body: Buffer | string | undefined,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers,
    // Bytes, never a string: fetch would add `Content-Type: text/plain` to a string body.
    body:
      body === undefined
        ? undefined
        : new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** A row of a list endpoint, as JSON. */
export type ListItem = Record<string, unknown> & { id: string };

/** Every item of a cursor-paginated list (`{items, nextCursor}`), following the cursors. */
export async function listAll(server: TestServer, urlPath: string, token: string): Promise<ListItem[]> {
  const items: ListItem[] = [];
  let cursor: string | null = null;
  do {
    const separator = urlPath.includes('?') ? '&' : '?';
    const page = `${urlPath}${separator}limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await http(server, 'GET', page, { token });
    if (res.status !== 200) throw new Error(`GET ${page}: ${res.status} ${res.text}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor ?? null;
  } while (cursor !== null);
  return items;
}

/** A port nobody listens on right now (the OS picks it); the API is then started on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** stdout + stderr so far (JSON log lines), for failure messages. */
  output(): string;
  /** `kill -9`: no shutdown hook runs, in-flight requests and transactions die with it. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the graceful shutdown. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for `/ready`. Default 30 s (migrations on a fresh MariaDB take a few). */
  readyTimeoutMs?: number;
}

/** Starts `node apps/api/dist/main.js` and resolves once `/ready` answers 200. */
export async function spawnApi(options: SpawnOptions): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'warn',
      PASSWORD_HASH_COST: '1024',
      QUEUE_SWEEP_SECONDS: '0',
      DASHBOARD_DIR: '',
      AUTH_ATTEMPTS_PER_MINUTE: '100000',
      UNKNOWN_TOKEN_ATTEMPTS_PER_MINUTE: '100000',
      UNKNOWN_API_KEY_ATTEMPTS_PER_MINUTE: '100000',
      OUTBOX_INTERVAL_MS: '0',
      SHOP_POLL_SECONDS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const api: ApiProcess = {
    port,
    baseUrl,
    child,
    output: () => log,
    async crash() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode} before ready:\n${log}`);
    if ((await probe(`${baseUrl}/ready`)) === 200) return api;
    if (Date.now() > deadline) {
      await api.crash();
      throw new Error(`API not ready on port ${port} in time:\n${log}`);
    }
    await sleep(100);
  }
}

/** Log lines at level error or fatal (pino levels 50 and 60): a 5xx or a failed job, each a bug here. */
export function loggedErrors(api: ApiProcess): string[] {
  return api
    .output()
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line))
    .map((line) => line.slice(0, 600));
}

/** The status of a GET, or 0 when nothing answered (refused, reset, timed out). */
export async function probe(url: string, timeoutMs = 2000): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export interface Proxy {
  port: number;
  baseUrl: string;
  /** Connections handed to each upstream, in the order of `upstreams`. */
  handed: number[];
  close(): Promise<void>;
}

/**
 * A round-robin TCP proxy: each client connection goes to the next upstream port; when that one
 * refuses, the next is tried. Bytes are copied untouched, so firmware quirks reach the API as sent
 * (the emulator opens one connection per request, so requests alternate between instances).
 */
export function startProxy(upstreams: number[]): Promise<Proxy> {
  let next = 0;
  const handed = upstreams.map(() => 0);
  const sockets = new Set<net.Socket>();
  const connectUpstream = (client: net.Socket, attempt: number): void => {
    if (attempt >= upstreams.length) {
      client.destroy();
      return;
    }
    const index = next % upstreams.length;
    next += 1;
    const upstream = net.connect(upstreams[index]!, '127.0.0.1');
    let connected = false;
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      connected = true;
      handed[index] = (handed[index] ?? 0) + 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      client.resume();
    });
    upstream.on('error', () => {
      // Refused before connecting: that instance is down, try the next one.
      if (!connected) connectUpstream(client, attempt + 1);
      else client.destroy();
    });
  };
  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    connectUpstream(client, 0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        handed,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface SentOrder {
  externalId: string;
  /** The API key it was sent with (which restaurant). */
  apiKey: string;
  /** Status of the answer that settled it: 201 created, 200 already there. */
  status: number;
  id: string;
  /** Requests it took (more than 1 when the API was down or the answer was lost). */
  attempts: number;
}

export interface OrderLoad {
  /** Every order the API acknowledged so far. */
  readonly sent: SentOrder[];
  /** Requests that got no answer (connection refused or reset) and were retried. */
  readonly retries: number;
  /** Answers that were neither 200/201 nor a connection failure (each is a bug). */
  readonly unexpected: { externalId: string; status: number; text: string }[];
  /** Resolves once all `count` orders are acknowledged (or reported as unexpected). */
  readonly finished: Promise<void>;
  /** Stops sending new orders; resolves when every order already started is acknowledged. */
  stop(): Promise<void>;
}

export interface LoadOptions {
  baseUrl: string;
  /** API keys to spread the orders over (one per restaurant). */
  apiKeys: string[];
  /** Orders to send in total. */
  count: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Pause between two orders of one sender. Default 0. */
  pauseMs?: number;
  /** externalId prefix; the index is appended. */
  prefix: string;
  body: (externalId: string, index: number) => Record<string, unknown>;
}

/**
 * Sends orders like a well-behaved shop: each one is retried with the same externalId until the
 * API acknowledges it (201, or 200 when an earlier attempt did land), so an outage loses nothing
 * on the sending side and the API's idempotency is exercised across crashes.
 */
export function startOrderLoad(options: LoadOptions): OrderLoad {
  const sent: SentOrder[] = [];
  const unexpected: OrderLoad['unexpected'] = [];
  let retries = 0;
  let nextIndex = 0;
  let stopping = false;
  const sendOne = async (index: number): Promise<void> => {
    const externalId = `${options.prefix}${index}`;
    const apiKey = options.apiKeys[index % options.apiKeys.length]!;
    const body = JSON.stringify(options.body(externalId, index));
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${options.baseUrl}/api/v1/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch {
        retries += 1;
        await sleep(100);
        continue;
      }
      const text = await response.text().catch(() => '');
      if (response.status === 201 || response.status === 200) {
        const id = (JSON.parse(text) as { id: string }).id;
        sent.push({ externalId, apiKey, status: response.status, id, attempts: attempt });
        return;
      }
      // A 503 from a proxy or a half-started instance is an outage too; anything else is a bug.
      if (response.status === 503 || response.status === 502) {
        retries += 1;
        await sleep(100);
        continue;
      }
      unexpected.push({ externalId, status: response.status, text: text.slice(0, 300) });
      return;
    }
  };
  const worker = async (): Promise<void> => {
    while (!stopping && nextIndex < options.count) {
      const index = nextIndex;
      nextIndex += 1;
      await sendOne(index);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  const workers = Array.from({ length: options.concurrency ?? 4 }, () => worker());
  const finished = Promise.all(workers).then(() => undefined);
  return {
    sent,
    get retries() {
      return retries;
    },
    unexpected,
    finished,
    stop: async () => {
      stopping = true;
      await finished;
    },
  };
}

// The emulator is another Nx project: it is loaded from its build at run time (not imported), and
// only the part of its API used here is described.
export interface EmulatorTotals {
  polls: number;
  ordersPrinted: number;
  accepted: number;
  rejected: number;
  ignored: number;
  duplicates: number;
  reserved: number;
  errors: number;
  callbackFailures: number;
}

export interface EmulatedPrinter {
  readonly name: string;
  readonly stats: Readonly<EmulatorTotals>;
  readonly printed: readonly { orderId: string; deliveries: number; answeredAt: Date | null }[];
}

export interface EmulatorPrinterOptions {
  name?: string;
  pollUrl: string;
  callbackUrl: string;
  resId: string;
  username: string;
  password: string;
  intervalMs?: number;
  policy?: 'accept' | 'reject' | 'random' | 'none';
  acceptRatio?: number;
  seed?: number;
  requestTimeoutMs?: number;
  onLog?: (line: string) => void;
}

export interface Emulator {
  runFleet(
    configs: readonly EmulatorPrinterOptions[],
    options: {
      until?: (printers: readonly EmulatedPrinter[]) => boolean;
      durationMs?: number;
      signal?: AbortSignal;
      onStart?: (printers: readonly EmulatedPrinter[]) => void;
    },
  ): Promise<{ stopReason: string; durationMs: number; totals: EmulatorTotals }>;
}

export async function loadEmulator(): Promise<Emulator> {
  return (await import(EMULATOR_LIB)) as Emulator;
}

/** The emulator settings for a printer as `POST /api/v1/printers` returned it. */
export function emulatorConfig(
  printer: {
    pollUrl: string;
    callbackUrl: string;
    device: { resId: string; username: string; password: string };
  },
  extra: Partial<EmulatorPrinterOptions> = {},
): EmulatorPrinterOptions {
  return {
    pollUrl: printer.pollUrl,
    callbackUrl: printer.callbackUrl,
    resId: printer.device.resId,
    username: printer.device.username,
    password: printer.device.password,
    ...extra,
  };
}
