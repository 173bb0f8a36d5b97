import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createApiKey,
  createPrinter,
  DIALECTS,
  http,
  orderBody,
  signup,
  startServer,
  type TestServer,
} from './harness';

const run = promisify(execFile);
// The emulator's own CLI, built by `nx run printer-emulator:build` (a dependency of this project's test target).
const EMULATOR = path.resolve(__dirname, '../../../tools/printer-emulator/dist/cli.js');

interface Totals {
  ordersPrinted: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: number;
  callbackFailures: number;
}

describe.each(DIALECTS)('the printer emulator against the real server on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(dialect);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('2 restaurants, 3 printers, 30 orders: each printed exactly once with the right final status and note', async () => {
    const a = await signup(server, 'Alpha');
    const b = await signup(server, 'Beta');
    const printers = [
      await createPrinter(server, a),
      await createPrinter(server, a, { name: 'Bar' }),
      await createPrinter(server, b),
    ];
    const keys = [await createApiKey(server, a), await createApiKey(server, b)];
    const orders: { id: string; owner: typeof a }[] = [];
    for (let i = 0; i < 30; i += 1) {
      const [owner, key, printer] =
        i % 3 === 2 ? [b, keys[1]!, printers[2]!] : [a, keys[0]!, printers[i % 3]!];
      const res = await http(server, 'POST', '/api/v1/orders', {
        apiKey: key,
        body: orderBody(`e2e-${i}`, { printerId: printer.id }),
      });
      expect(res.body.status).toBe('queued');
      orders.push({ id: res.body.id, owner });
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-e2e-'));
    const urls = path.join(dir, 'printers.json');
    fs.writeFileSync(
      urls,
      JSON.stringify(
        printers.map((p) => ({
          pollUrl: p.pollUrl,
          callbackUrl: p.callbackUrl,
          resId: p.device.resId,
          username: p.device.username,
          password: p.device.password,
        })),
      ),
    );
    const { stdout } = await run(
      process.execPath,
      [
        EMULATOR,
        '--urls',
        urls,
        '--policy',
        'random',
        '--accept-ratio',
        '0.6',
        '--seed',
        '42',
        '--interval',
        '0.05',
        '--max-orders',
        '30',
        '--duration',
        '90',
        '--json',
        '--fail-on-duplicates',
      ],
      { timeout: 120_000 },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const totals = (JSON.parse(stdout) as { totals: Totals }).totals;
    expect(totals).toMatchObject({ ordersPrinted: 30, duplicates: 0, errors: 0, callbackFailures: 0 });
    expect(totals.accepted + totals.rejected).toBe(30);
    expect(totals.accepted).toBeGreaterThan(0);
    expect(totals.rejected).toBeGreaterThan(0);

    let completed = 0;
    let cancelled = 0;
    for (const { id, owner } of orders) {
      const order = (await http(server, 'GET', `/api/v1/orders/${id}`, { token: owner.token })).body;
      expect(['completed', 'cancelled']).toContain(order.status);
      expect(order.events.filter((e: { type: string }) => e.type === 'served')).toHaveLength(1);
      expect(order.notes).toHaveLength(1);
      if (order.status === 'completed') {
        completed += 1;
        expect(order.notes[0].text).toMatch(
          /^Accepted on the printer at \d{2}:\d{2}, ready for \d{2}:\d{2}$/,
        );
      } else {
        cancelled += 1;
        expect(order.notes[0].text).toMatch(/^Rejected on the printer at \d{2}:\d{2}: [A-Z -]+$/);
      }
    }
    expect(completed).toBe(totals.accepted);
    expect(cancelled).toBe(totals.rejected);
  });
});
