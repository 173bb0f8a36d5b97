// The processes under test: each one a separate child on loopback, so its CPU and memory are its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { request } from './http';
import { sleep } from './stats';

export interface Server {
  baseUrl: string;
  pid: number;
  /** Where the child's stdout/stderr went. */
  logFile: string;
  stop(): Promise<void>;
}

/** The ceiling: Node's HTTP server answering every request with an empty 200 and nothing else. */
const CEILING_SOURCE = `
const server = require('node:http').createServer((req, res) => res.end());
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

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

/** Children still running, so an interrupted bench can stop them. */
const live = new Set<ChildProcess>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map(stopChild));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntilReady(child: ChildProcess, url: string, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${tail}`);
    }
    try {
      if ((await request(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs} ms (log: ${logFile})`);
}

async function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyPath: string,
  logDir: string,
): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  live.add(child);
  child.once('exit', () => live.delete(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${baseUrl}${readyPath}`, logFile, 60_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { baseUrl, pid: child.pid!, logFile, stop: () => stopChild(child) };
}

export function startCeiling(logDir: string): Promise<Server> {
  return startChild('ceiling', ['-e', CEILING_SOURCE], { PATH: process.env['PATH'] }, '/', logDir);
}

/**
 * The built API (`dist/main.js`) as an operator runs it, on the given database. `profileDir` turns
 * on V8's CPU profiler; the profile is written there when the API exits.
 */
export function startApi(
  name: string,
  mainJs: string,
  databaseUrl: string,
  logDir: string,
  profileDir: string | null = null,
): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    APP_SECRET: randomBytes(32).toString('base64url'),
    // Production default; printer requests log at debug, so polls write nothing.
    LOG_LEVEL: 'info',
    // The API alone: static dashboard files are not what is measured.
    DASHBOARD_DIR: '',
  };
  const profile =
    profileDir === null
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`];
  return startChild(name, [...profile, mainJs], env, '/ready', logDir);
}
