// Starts the real API (built by `nx run api:build`) on SQLite in a temporary folder, serving the
// built dashboard, exactly as `npm start` would. Used by the browser end-to-end tests.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const WORKSPACE = path.resolve(__dirname, '../../../..');
const API_MAIN = path.join(WORKSPACE, 'apps/api/dist/main.js');
const API_CLI = path.join(WORKSPACE, 'apps/api/dist/cli.js');
const DASHBOARD_DIST = path.join(WORKSPACE, 'apps/dashboard/dist');

export interface Bridge {
  baseUrl: string;
  databaseUrl: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function env(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    TZ: 'UTC',
    DATABASE_URL: databaseUrl,
    DASHBOARD_DIR: DASHBOARD_DIST,
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_COST: '1024',
    QUEUE_SWEEP_SECONDS: '1',
    AUTH_ATTEMPTS_PER_MINUTE: '1000',
    ...extra,
  };
}

export function assertBuilt(): void {
  for (const file of [API_MAIN, API_CLI, path.join(DASHBOARD_DIST, 'index.html')]) {
    if (!fs.existsSync(file)) {
      throw new Error(
        `${file} is missing: run \`npx nx run dashboard:test\` (it builds the API and the dashboard first)`,
      );
    }
  }
}

export function tempDatabase(): { dir: string; databaseUrl: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-e2e-'));
  return { dir, databaseUrl: `sqlite:${path.join(dir, 'e2e.sqlite')}` };
}

/** `create-support-user` through the API's own CLI, against the same database. */
export async function createSupportUser(databaseUrl: string, email: string, password: string): Promise<void> {
  await promisify(execFile)(process.execPath, [API_CLI, 'create-support-user', '--email', email], {
    env: env(databaseUrl, { SUPPORT_PASSWORD: password }),
    cwd: WORKSPACE,
    timeout: 60_000,
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not become healthy within 60 s:\n${output()}`);
}

/** `extraEnv` adds settings a scenario needs (e.g. ALLOW_PRIVATE_TARGETS for a local webhook receiver). */
export async function startBridge(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<Bridge> {
  assertBuilt();
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: env(databaseUrl, { ...extraEnv, PORT: String(port), HOST: '127.0.0.1' }),
    cwd: WORKSPACE,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => log);
  return {
    baseUrl,
    databaseUrl,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
