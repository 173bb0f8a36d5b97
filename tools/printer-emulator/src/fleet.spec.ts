import { classicOrder, startFakeServer, type FakeGoodcomServer } from '../test/fake-goodcom-server';
import { formatSummary, percentile, runFleet } from './fleet';
import { type PrinterOptions } from './printer';

describe('percentile', () => {
  it('uses nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
  });
});

describe('runFleet', () => {
  let server: FakeGoodcomServer;

  afterEach(async () => {
    await server.close();
  });

  function configs(count: number, extra: Partial<PrinterOptions> = {}): PrinterOptions[] {
    return Array.from({ length: count }, (_, i) => ({
      pollUrl: server.url('/poll'),
      callbackUrl: server.url('/callback'),
      resId: `R${i + 1}`,
      username: `user${i + 1}`,
      password: 'secret',
      intervalMs: 30,
      ...extra,
    }));
  }

  it('runs 5 printers concurrently and summarises them', async () => {
    const orders = Array.from({ length: 5 }, (_, i) => [
      classicOrder(`R${i + 1}`, `${i + 1}01`, i),
      classicOrder(`R${i + 1}`, `${i + 1}02`, i + 1),
    ]).flat();
    server = await startFakeServer({ orders });
    const summary = await runFleet(configs(5, { policy: 'random', seed: 99 }), {
      until: (printers) => printers.every((p) => p.stats.accepted + p.stats.rejected === 2),
    });

    expect(summary.stopReason).toBe('until');
    expect(summary.printers.map((p) => p.name)).toEqual([
      'printer-1',
      'printer-2',
      'printer-3',
      'printer-4',
      'printer-5',
    ]);
    expect(summary.printers.every((p) => p.ordersPrinted === 2)).toBe(true);
    expect(summary.totals).toMatchObject({ ordersPrinted: 10, duplicates: 0, errors: 0 });
    expect(summary.totals.accepted + summary.totals.rejected).toBe(10);
    expect(summary.totals.polls).toBeGreaterThanOrEqual(10);
    expect(summary.totals.pollLatencyP50Ms).not.toBeNull();
    expect(summary.totals.pollLatencyP99Ms).toBeGreaterThanOrEqual(summary.totals.pollLatencyP50Ms ?? 0);
    expect(server.queue).toEqual([]);
    // Each printer only ever saw its own orders.
    for (const callback of server.callbacks)
      expect(callback.params.o?.charAt(0)).toBe(callback.params.a?.slice(1));

    const table = formatSummary(summary);
    expect(table).toMatch(/^stopped \(until\) after \d+\.\d s\n/);
    expect(table).toContain('printer-5');
    expect(table).toMatch(/\nTOTAL +\d+ +\d+ +10 /);
  });

  it('stops after --max-orders answered orders', async () => {
    server = await startFakeServer({ orders: [1, 2, 3, 4].map((n) => classicOrder('R1', String(n), n)) });
    const summary = await runFleet(configs(1, { intervalMs: 20 }), { maxOrders: 2 });
    expect(summary.stopReason).toBe('max-orders');
    expect(summary.totals.accepted).toBe(2);
    expect(server.queue).toHaveLength(2);
  });

  it('stops when idle after the orders are drained, across printers', async () => {
    server = await startFakeServer({ orders: [classicOrder('R1', '1'), classicOrder('R2', '2')] });
    const summary = await runFleet(configs(3, { intervalMs: 10 }), { untilIdle: 3, durationMs: 5000 });
    expect(summary.stopReason).toBe('until-idle');
    expect(summary.totals.accepted).toBe(2);
    expect(summary.printers.every((p) => p.emptyPolls >= 3)).toBe(true);
  });

  it('does not stop on idle before any order was seen', async () => {
    server = await startFakeServer({ orders: [] });
    const summary = await runFleet(configs(1, { intervalMs: 10 }), { untilIdle: 1, durationMs: 200 });
    expect(summary.stopReason).toBe('duration');
    expect(summary.totals.emptyPolls).toBeGreaterThan(1);
  });

  it('stops on an abort signal', async () => {
    server = await startFakeServer({ orders: [] });
    const controller = new AbortController();
    const running = runFleet(configs(2), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const summary = await running;
    expect(summary.stopReason).toBe('signal');
  });

  it('staggers first polls across the interval', async () => {
    server = await startFakeServer({ orders: [] });
    const seen: number[] = [];
    await runFleet(configs(4, { intervalMs: 400 }), {
      durationMs: 50,
      onStart: (printers) => seen.push(printers.length),
    });
    // Only printer-1 (delay 0) polls within 50 ms; the others start at 100, 200, 300 ms.
    expect(server.polls.map((p) => p.params.a)).toEqual(['R1']);
    expect(seen).toEqual([4]);
  });
});
