// A GoodCom printer for the tests: the printer emulator's CLI (tools/printer-emulator, built by
// `nx run printer-emulator:build`) in a child process, or one bare poll done the way firmware does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WORKSPACE } from './bridge';

const EMULATOR_CLI = path.join(WORKSPACE, 'tools/printer-emulator/dist/cli.js');

export interface PrinterAccount {
  pollUrl: string;
  callbackUrl: string;
  resId: string;
  username: string;
  password: string;
}

export interface EmulatorSummary {
  stopReason: string;
  totals: {
    polls: number;
    ordersPrinted: number;
    accepted: number;
    rejected: number;
    duplicates: number;
    errors: number;
  };
}

export interface EmulatorRun {
  /** Resolves with the JSON summary when the emulator stops (after `maxOrders` or `durationSeconds`). */
  done: Promise<EmulatorSummary>;
  stop: () => void;
}

export function runEmulator(
  account: PrinterAccount,
  options: {
    policy: 'accept' | 'reject' | 'none';
    reason?: string;
    maxOrders: number;
    durationSeconds: number;
  },
): EmulatorRun {
  if (!fs.existsSync(EMULATOR_CLI))
    throw new Error(`${EMULATOR_CLI} is missing: run nx run printer-emulator:build`);
  const args = [
    EMULATOR_CLI,
    '--poll-url',
    account.pollUrl,
    '--callback-url',
    account.callbackUrl,
    '--res-id',
    account.resId,
    '--username',
    account.username,
    '--password',
    account.password,
    '--interval',
    '0.5',
    '--policy',
    options.policy,
    '--time-zone',
    'Europe/Rome',
    '--max-orders',
    String(options.maxOrders),
    '--duration',
    String(options.durationSeconds),
    '--json',
    '--quiet',
    ...(options.reason ? ['--reason', options.reason] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<EmulatorSummary>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(stdout) as EmulatorSummary);
      } catch {
        reject(new Error(`emulator exited with ${code}; stdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
  });
  return { done, stop: () => child.kill('SIGINT') };
}

/** One poll, exactly like the firmware's GET (`a`, `u`, `p` in the query). Returns the body. */
export async function pollOnce(account: PrinterAccount): Promise<string> {
  const url = new URL(account.pollUrl);
  url.searchParams.set('a', account.resId);
  url.searchParams.set('u', account.username);
  url.searchParams.set('p', account.password);
  const response = await fetch(url, { headers: { 'User-Agent': 'gc(GT6000SW; e2e)' } });
  return response.text();
}
