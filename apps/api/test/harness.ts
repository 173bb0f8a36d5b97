import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { type Bridge, createBridge } from '../src/bridge';
import { loadConfig } from '../src/infra/config/app-config';

export type Dialect = 'sqlite' | 'mysql';

/** Both databases, always: a missing MariaDB fails the run instead of skipping half of it. */
export const DIALECTS: Dialect[] = ['sqlite', 'mysql'];

const MYSQL_SERVER = process.env['GCB_TEST_MYSQL_URL'] ?? 'mariadb://root@127.0.0.1:3306';

/** Test time: real time plus an offset the test can move forward. */
export class TestClock {
  offset = 0;
  now = (): number => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A brand-new, empty database for one suite: a temp SQLite file or a fresh MariaDB schema. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-test-'));
    return {
      url: `sqlite:${path.join(dir, 'bridge.sqlite')}`,
      drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `gcb_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection(MYSQL_SERVER.replace(/^mariadb:/, 'mysql:'));
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${MYSQL_SERVER}/${name}`,
    drop: async () => {
      const conn = await createConnection(MYSQL_SERVER.replace(/^mariadb:/, 'mysql:'));
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

export interface TestServer {
  bridge: Bridge;
  baseUrl: string;
  port: number;
  clock: TestClock;
  db: TestDatabase;
  stop(): Promise<void>;
}

export async function startServer(
  dialect: Dialect,
  env: Record<string, string> = {},
  existing?: TestDatabase,
): Promise<TestServer> {
  const db = existing ?? (await freshDatabase(dialect));
  const clock = new TestClock();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    PASSWORD_HASH_COST: '1024',
    QUEUE_SWEEP_SECONDS: '0',
    DASHBOARD_DIR: '',
    AUTH_ATTEMPTS_PER_MINUTE: '1000',
    ...env,
  });
  const bridge = await createBridge(config, clock);
  const port = await bridge.listen();
  return {
    bridge,
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    clock,
    db,
    stop: async () => {
      await bridge.close(2000);
      if (!existing) await db.drop();
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

export interface Auth {
  token?: string;
  apiKey?: string;
}

/** A real HTTP request against the running server. */
export async function http(
  server: TestServer,
  method: string,
  urlPath: string,
  options: Auth & { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const url = urlPath.startsWith('http') ? urlPath : `${server.baseUrl}${urlPath}`;
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

let counter = 0;

export interface TestTenant {
  token: string;
  tenantId: string;
  userId: string;
  email: string;
}

export async function signup(server: TestServer, name = 'Pizzeria'): Promise<TestTenant> {
  counter += 1;
  const email = `owner${counter}-${randomBytes(3).toString('hex')}@example.com`;
  const res = await http(server, 'POST', '/api/v1/auth/signup', {
    body: { restaurantName: name, email, password: 'correct horse battery', timeZone: 'Europe/Rome' },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return { token: res.body.token, tenantId: res.body.tenant.id, userId: res.body.user.id, email };
}

export async function createPrinter(
  server: TestServer,
  owner: TestTenant,
  body: Record<string, unknown> = {},
) {
  const res = await http(server, 'POST', '/api/v1/printers', {
    token: owner.token,
    body: { name: 'Kitchen', ...body },
  });
  if (res.status !== 201) throw new Error(`printer failed: ${res.status} ${res.text}`);
  return res.body as {
    id: string;
    pollUrl: string;
    callbackUrl: string;
    device: { resId: string; username: string; password: string; pollIntervalSeconds: number };
  };
}

export async function createApiKey(server: TestServer, owner: TestTenant): Promise<string> {
  const res = await http(server, 'POST', '/api/v1/api-keys', { token: owner.token, body: { name: 'Shop' } });
  if (res.status !== 201) throw new Error(`api key failed: ${res.status} ${res.text}`);
  return res.body.key as string;
}

export function orderBody(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    type: 'delivery',
    items: [
      {
        name: 'Pizza Margherita',
        quantity: 2,
        unitPrice: '7.50',
        options: [{ name: 'Extra mozzarella', price: 1 }],
      },
      { name: 'Coca-Cola', quantity: 1, unitPrice: 2.5 },
    ],
    deliveryFee: '2.00',
    total: '21.50',
    currency: 'EUR',
    paymentMethod: 'cod',
    paid: false,
    customer: { name: 'Giulia Rossi', phone: '+39 333 1234567', address: 'Via Roma 1, Roma' },
    requestedAt: '2026-11-29T19:30:00+01:00',
    notes: 'Ring twice',
    ...overrides,
  };
}

/** What a GoodCom printer does on its order URL. */
export function poll(server: TestServer, pollUrl: string, headers: Record<string, string> = {}) {
  return http(server, 'GET', `${pollUrl}?a=1&u=user&p=pass`, { headers });
}

/** The order number the printer reads from segment 2 of the wire string. */
export function wireOrderId(wire: string): string {
  return wire.slice(1, -1).split('*')[2] ?? '';
}

export function callback(server: TestServer, callbackUrl: string, params: Record<string, string>) {
  return http(
    server,
    'GET',
    `${callbackUrl}?${new URLSearchParams({ a: '1', u: 'user', p: 'pass', ...params }).toString()}`,
  );
}
