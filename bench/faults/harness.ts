// What the destructive fault scenarios need: the built API as a child process, MariaDB's own
// process (stopped and started for real), a shop that keeps sending orders through outages, and the
// end-state check. The CI fault tests have their own copy of the first parts in
// apps/api/test/fault-harness.ts: an Nx tools project may not import an app's test code.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

export const ROOT = path.resolve(__dirname, '../..');
export const API_MAIN = path.join(ROOT, 'apps/api/dist/main.js');
const run = promisify(execFile);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function log(line: string): void {
  process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

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

/** The status of a GET, or 0 when nothing answered. */
export async function probe(url: string, timeoutMs = 3000): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export interface Api {
  baseUrl: string;
  pid: number;
  logFile: string;
  alive(): boolean;
  stop(): Promise<void>;
}

/** `node apps/api/dist/main.js` on the given database; resolves once `/ready` answers 200. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<Api> {
  const port = await freePort();
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-faults-')), 'api.log');
  const out = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      DASHBOARD_DIR: '',
      PASSWORD_HASH_COST: '1024',
      AUTH_ATTEMPTS_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const api: Api = {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    logFile,
    alive,
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 60_000;
  while ((await probe(`${api.baseUrl}/ready`)) !== 200) {
    if (!alive() || Date.now() > deadline) {
      await api.stop();
      throw new Error(`the API did not become ready (log: ${logFile})`);
    }
    await sleep(100);
  }
  return api;
}

// MariaDB itself: the machine's server, stopped and started the way .ci/run starts it.
export const MYSQL_SERVER = process.env['GCB_FAULTS_MYSQL_URL'] ?? 'mariadb://root@127.0.0.1:3306';
const adminUri = () => MYSQL_SERVER.replace(/^mariadb:/, 'mysql:');

export async function mariadbAnswers(): Promise<boolean> {
  try {
    const conn = await createConnection({ uri: adminUri(), connectTimeout: 1000 });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

/** mariadbd's process id, from the pid file the server names itself. */
async function mariadbPid(): Promise<number> {
  const conn = await createConnection({ uri: adminUri() });
  const [rows] = await conn.query('SELECT @@pid_file AS file');
  await conn.end();
  const file = (rows as { file: string }[])[0]?.file ?? '';
  const pid = Number(fs.readFileSync(path.isAbsolute(file) ? file : '/run/mysqld/mysqld.pid', 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no MariaDB pid in ${file}`);
  return pid;
}

/** Stops the server: `mariadb-admin shutdown` (clean) or SIGKILL of mariadbd by its pid (a crash). */
export async function stopMariadb(mode: 'shutdown' | 'kill'): Promise<void> {
  if (mode === 'shutdown') await run('mariadb-admin', ['-uroot', '-h127.0.0.1', 'shutdown']);
  else process.kill(await mariadbPid(), 'SIGKILL');
  const deadline = Date.now() + 60_000;
  while (await mariadbAnswers()) {
    if (Date.now() > deadline) throw new Error('MariaDB still answers after being stopped');
    await sleep(200);
  }
}

/** Starts the server if it is not running, and waits until it answers (crash recovery included). */
export async function startMariadb(): Promise<void> {
  if (await mariadbAnswers()) return;
  await run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd']);
  const deadline = Date.now() + 120_000;
  while (!(await mariadbAnswers())) {
    if (Date.now() > deadline) throw new Error('MariaDB did not come back within 120 s');
    await sleep(250);
  }
}

export interface Database {
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(): Promise<Database> {
  const name = `gcb_faults_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: adminUri() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${MYSQL_SERVER}/${name}`,
    drop: async () => {
      const conn = await createConnection({ uri: adminUri() });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

// The API, seen from a shop and an owner.
export async function call(
  baseUrl: string,
  method: string,
  urlPath: string,
  options: { token?: string; apiKey?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** A call whose answer must have the given status; its body as the caller describes it. */
async function expectStatus<T>(status: number, ...args: Parameters<typeof call>): Promise<T> {
  const res = await call(...args);
  if (res.status !== status)
    throw new Error(`${args[1]} ${args[2]}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface Printer {
  id: string;
  pollUrl: string;
  callbackUrl: string;
  device: { resId: string; username: string; password: string };
}

export interface Restaurant {
  token: string;
  apiKey: string;
  printers: Printer[];
}

export async function openRestaurant(baseUrl: string, name: string, printers: number): Promise<Restaurant> {
  const email = `${name.toLowerCase()}-${randomBytes(3).toString('hex')}@example.com`;
  const { token } = await expectStatus<{ token: string }>(201, baseUrl, 'POST', '/api/v1/auth/signup', {
    body: { restaurantName: name, email, password: 'correct horse battery' },
  });
  await expectStatus(200, baseUrl, 'PATCH', '/api/v1/tenant', { token, body: { intakeRule: 'all' } });
  const created: Printer[] = [];
  for (let i = 0; i < printers; i += 1) {
    created.push(
      await expectStatus<Printer>(201, baseUrl, 'POST', '/api/v1/printers', {
        token,
        body: { name: `P${i}` },
      }),
    );
  }
  const { key } = await expectStatus<{ key: string }>(201, baseUrl, 'POST', '/api/v1/api-keys', {
    token,
    body: { name: 'Shop' },
  });
  return { token, apiKey: key, printers: created };
}

export function orderBody(externalId: string, printerId: string) {
  return {
    externalId,
    printerId,
    type: 'delivery',
    items: [
      { name: 'Pizza Margherita', quantity: 2, unitPrice: '7.50' },
      { name: 'Coca-Cola', quantity: 1, unitPrice: '2.50' },
    ],
    deliveryFee: '2.00',
    total: '19.50',
    paymentMethod: 'cod',
    customer: { name: 'Giulia Rossi', phone: '+39 333 1234567', address: 'Via Roma 1' },
  };
}

export interface Shop {
  /** externalId → order id, for every order the API acknowledged. */
  readonly acknowledged: Map<string, { id: string; token: string }>;
  /** Answers that were not 200/201, by status (0 = no answer); each one was retried. */
  readonly failures: Map<number, number>;
  readonly finished: Promise<void>;
}

/**
 * A shop sending `count` orders over the restaurants' printers, retrying each one with the same
 * externalId until the API acknowledges it, whatever the outage answers (no answer, 5xx).
 */
export function startShop(baseUrl: string, restaurants: Restaurant[], count: number, pauseMs: number): Shop {
  const acknowledged = new Map<string, { id: string; token: string }>();
  const failures = new Map<number, number>();
  let next = 0;
  const sendOne = async (index: number) => {
    const restaurant = restaurants[index % restaurants.length]!;
    const printer = restaurant.printers[Math.floor(index / restaurants.length) % restaurant.printers.length]!;
    const externalId = `fault-${index}`;
    for (;;) {
      let status = 0;
      try {
        const res = await call(baseUrl, 'POST', '/api/v1/orders', {
          apiKey: restaurant.apiKey,
          body: orderBody(externalId, printer.id),
        });
        status = res.status;
        if (status === 200 || status === 201) {
          acknowledged.set(externalId, { id: (res.body as { id: string }).id, token: restaurant.token });
          return;
        }
      } catch {
        status = 0;
      }
      failures.set(status, (failures.get(status) ?? 0) + 1);
      if (status >= 400 && status < 500) throw new Error(`order ${externalId} refused with ${status}`);
      await sleep(250);
    }
  };
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await sendOne(index);
      await sleep(pauseMs);
    }
  };
  const finished = Promise.all([worker(), worker(), worker()]).then(() => undefined);
  return { acknowledged, failures, finished };
}

interface OrderPage {
  items: { externalId: string }[];
  nextCursor: string | null;
}

async function listOrders(baseUrl: string, token: string): Promise<{ externalId: string }[]> {
  const items: { externalId: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: OrderPage = await expectStatus<OrderPage>(
      200,
      baseUrl,
      'GET',
      `/api/v1/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

export interface Verdict {
  orders: number;
  /** Orders the API holds, over all restaurants (must equal `orders`: none lost, none extra). */
  stored: number;
  completed: number;
  cancelled: number;
  problems: string[];
}

/** Every acknowledged order answered exactly once: one final status, one final event, one note. */
export async function verifyOrders(baseUrl: string, shop: Shop): Promise<Verdict> {
  const tokens = [...new Set([...shop.acknowledged.values()].map((o) => o.token))];
  const stored = (await Promise.all(tokens.map((token) => listOrders(baseUrl, token)))).flat();
  const verdict: Verdict = {
    orders: shop.acknowledged.size,
    stored: stored.length,
    completed: 0,
    cancelled: 0,
    problems: [],
  };
  const storedIds = stored.map((o) => o.externalId).sort();
  const sentIds = [...shop.acknowledged.keys()].sort();
  if (storedIds.join() !== sentIds.join())
    verdict.problems.push('stored orders differ from acknowledged ones');
  for (const [externalId, { id, token }] of shop.acknowledged) {
    const order = await expectStatus<{ status: string; events: { type: string }[]; notes: unknown[] }>(
      200,
      baseUrl,
      'GET',
      `/api/v1/orders/${id}`,
      { token },
    );
    const count = (type: string) => order.events.filter((e) => e.type === type).length;
    if (order.status === 'completed') verdict.completed += 1;
    else if (order.status === 'cancelled') verdict.cancelled += 1;
    else verdict.problems.push(`${externalId}: still ${order.status}`);
    if (count('completed') + count('cancelled') !== 1) verdict.problems.push(`${externalId}: final events`);
    if (count('served') !== 1) verdict.problems.push(`${externalId}: ${count('served')} served events`);
    if (order.notes.length !== 1) verdict.problems.push(`${externalId}: ${order.notes.length} notes`);
  }
  return verdict;
}
