import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { classicOrder, startFakeServer, type FakeGoodcomServer } from '../test/fake-goodcom-server';
import { main, parseManualAnswer } from './cli';
import { type FleetSummary } from './fleet';
import { DEFAULT_REJECT_REASONS } from './policy';

function capture(): { write(text: string): boolean; text(): string } {
  const chunks: string[] = [];
  return { write: (text) => chunks.push(text) > 0, text: () => chunks.join('') };
}

describe('goodcom-emulator CLI', () => {
  let server: FakeGoodcomServer | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'goodcom-emulator-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function printerArgs(s: FakeGoodcomServer): string[] {
    return [
      '--poll-url',
      s.url('/poll'),
      '--callback-url',
      s.url('/callback'),
      '--res-id',
      'AC001',
      '--username',
      'testuser',
      '--password',
      'test',
      '--interval',
      '0.02',
    ];
  }

  it('runs end to end: prints, rejects, stops at --max-orders, reports JSON', async () => {
    server = await startFakeServer({
      orders: [classicOrder('AC001', '10005'), classicOrder('AC001', '10006', 1)],
    });
    const stdout = capture();
    const stderr = capture();
    const code = await main(
      [...printerArgs(server), '--policy', 'reject', '--reason', 'TOO BUSY', '--max-orders', '2', '--json'],
      {
        stdout,
        stderr,
      },
    );

    expect(code).toBe(0);
    const summary = JSON.parse(stdout.text());
    expect(summary.stopReason).toBe('max-orders');
    expect(summary.totals).toMatchObject({ ordersPrinted: 2, rejected: 2, accepted: 0, duplicates: 0 });
    expect(server.callbacks.map((c) => c.params.m)).toEqual(['TOO BUSY', 'TOO BUSY']);
    expect(stderr.text()).toContain('printer: printed order 10005');
    expect(stderr.text()).toMatch(/stopped \(max-orders\)/);
  });

  it('prints receipts to stdout, or appends them to --out', async () => {
    server = await startFakeServer({ orders: [classicOrder('AC001', '10005')] });
    const stdout = capture();
    expect(
      await main([...printerArgs(server), '--max-orders', '1', '--quiet', '--width', '40'], {
        stdout,
        stderr: capture(),
      }),
    ).toBe(0);
    expect(stdout.text()).toContain('=== printer · order 10005 ===');
    expect(stdout.text()).toContain('Chiken');

    server.queue.push(classicOrder('AC001', '10006', 1));
    const out = path.join(dir, 'receipts.txt');
    const quiet = capture();
    expect(
      await main([...printerArgs(server), '--max-orders', '1', '--quiet', '--out', out], {
        stdout: quiet,
        stderr: capture(),
      }),
    ).toBe(0);
    expect(quiet.text()).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('=== printer · order 10006 ===');
  });

  it('exits 1 with --fail-on-duplicates when an answered order comes back', async () => {
    server = await startFakeServer({ orders: [classicOrder('AC001', '10005')], reserveAfterAnswer: '10005' });
    const stderr = capture();
    const code = await main(
      [...printerArgs(server), '--until-idle', '2', '--duration', '5', '--fail-on-duplicates'],
      {
        stdout: capture(),
        stderr,
      },
    );
    expect(code).toBe(1);
    expect(stderr.text()).toContain('DUPLICATE: order 10005');
    expect(stderr.text()).toContain('1 duplicate order(s) seen');
  });

  it('runs a fleet from --urls', async () => {
    server = await startFakeServer({
      orders: [classicOrder('R1', '1'), classicOrder('R2', '2'), classicOrder('R3', '3')],
    });
    const s = server;
    const urls = path.join(dir, 'printers.json');
    const entries = ['R1', 'R2', 'R3'].map((resId) => ({
      pollUrl: s.url('/poll'),
      callbackUrl: s.url('/callback'),
      resId,
      username: 'u',
      password: 'p',
    }));
    writeFileSync(urls, JSON.stringify(entries));
    const stdout = capture();
    const code = await main(
      ['--urls', urls, '--fleet', '2', '--interval', '0.02', '--max-orders', '2', '--json', '--quiet'],
      {
        stdout,
        stderr: capture(),
      },
    );
    expect(code).toBe(0);
    const summary = JSON.parse(stdout.text()) as FleetSummary;
    expect(summary.printers.map((p) => p.name)).toEqual(['printer-1', 'printer-2']);
    expect(summary.totals.accepted).toBe(2);
    expect(server.queue).toEqual([classicOrder('R3', '3')]);
  });

  it('asks on stdin with --policy manual', async () => {
    server = await startFakeServer({
      orders: [classicOrder('AC001', '10005'), classicOrder('AC001', '10006', 1)],
    });
    const stdin = new PassThrough();
    const stderr = capture();
    const running = main([...printerArgs(server), '--policy', 'manual', '--max-orders', '2', '--quiet'], {
      stdout: capture(),
      stderr,
      stdin,
    });
    stdin.write('maybe\na 20\n');
    stdin.write('r 2\n');
    expect(await running).toBe(0);
    expect(server.callbacks.map((c) => [c.params.ak, c.params.m])).toEqual([
      ['Accepted', 'OK'],
      ['Rejected', 'FOOD UNAVAILABLE'],
    ]);
    expect(stderr.text()).toContain('Order 10005 (total 12.50)');
    expect(stderr.text()).toContain('Please type');
  });

  it('stops on the abort signal (Ctrl-C) and still exits 0 with a summary', async () => {
    server = await startFakeServer({ orders: [] });
    const controller = new AbortController();
    const stderr = capture();
    const running = main([...printerArgs(server), '--quiet'], {
      stdout: capture(),
      stderr,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 60);
    expect(await running).toBe(0);
    expect(stderr.text()).toMatch(/stopped \(signal\)/);
  });

  it('prints --help and rejects bad usage with exit code 2', async () => {
    const stdout = capture();
    expect(await main(['--help'], { stdout, stderr: capture() })).toBe(0);
    for (const flag of [
      '--poll-url',
      '--range',
      '--absolute-form',
      '--raw-spaces',
      '--fleet',
      '--until-idle',
    ]) {
      expect(stdout.text()).toContain(flag);
    }
    const cases = [
      ['--bogus'],
      ['--poll-url', 'http://x/p'],
      ['--poll-url', 'http://x/p', '--callback-url', 'http://x/c', '--res-id', '1', '--interval', 'soon'],
      ['--poll-url', 'http://x/p', '--callback-url', 'http://x/c', '--res-id', '1', '--policy', 'maybe'],
      [
        '--poll-url',
        'http://x/p',
        '--callback-url',
        'http://x/c',
        '--res-id',
        '1',
        '--time-zone',
        'Nowhere/City',
      ],
      ['--urls', path.join(dir, 'missing.json')],
    ];
    for (const argv of cases) {
      const stderr = capture();
      expect(await main(argv, { stdout: capture(), stderr })).toBe(2);
      expect(stderr.text()).toContain('Run with --help');
    }
  });
});

describe('parseManualAnswer', () => {
  it('understands a, a N, r, r N, r TEXT and s', () => {
    expect(parseManualAnswer('a', DEFAULT_REJECT_REASONS)).toEqual({ accept: true });
    expect(parseManualAnswer(' accept 25 ', DEFAULT_REJECT_REASONS)).toEqual({ accept: true, minutes: 25 });
    expect(parseManualAnswer('r', DEFAULT_REJECT_REASONS, 'TOO BUSY')).toEqual({
      accept: false,
      reason: 'TOO BUSY',
    });
    expect(parseManualAnswer('r 7', DEFAULT_REJECT_REASONS)).toEqual({
      accept: false,
      reason: 'JAM - PLEASE REORDER',
    });
    expect(parseManualAnswer('reject OVEN BROKEN', DEFAULT_REJECT_REASONS)).toEqual({
      accept: false,
      reason: 'OVEN BROKEN',
    });
    expect(parseManualAnswer('s', DEFAULT_REJECT_REASONS)).toBeNull();
    expect(parseManualAnswer('r 9', DEFAULT_REJECT_REASONS)).toBeUndefined();
    expect(parseManualAnswer('a soon', DEFAULT_REJECT_REASONS)).toBeUndefined();
    expect(parseManualAnswer('hello', DEFAULT_REJECT_REASONS)).toBeUndefined();
  });
});
