#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { createBridge } from './bridge';
import { loadConfig } from './infra/config/app-config';
import { AuthService } from './modules/auth/auth.service';

const USAGE = `Usage: goodcom-bridge create-support-user --email EMAIL
  The password is read from the SUPPORT_PASSWORD environment variable or, if unset, from stdin.
  Uses the same DATABASE_URL as the server (embedded SQLite by default).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'create-support-user' || !values.email) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const password = process.env['SUPPORT_PASSWORD'] ?? (await readStdin());
  if (password.length < 10) {
    console.error('The password must be at least 10 characters long.');
    return 2;
  }
  const bridge = await createBridge({ ...loadConfig(), queueSweepSeconds: 0, logLevel: 'warn' });
  try {
    const user = await bridge.app.get(AuthService).createUser(null, 'support', values.email, password);
    console.log(`Support user ${user.email} created (id ${user.id}).`);
    return 0;
  } finally {
    await bridge.app.get(DataSource).query('SELECT 1');
    await bridge.close(0);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
