import {
  classicOrder,
  longOrder,
  startFakeServer,
  type FakeGoodcomServer,
  type FakeServerOptions,
} from '../test/fake-goodcom-server';
import { DEFAULT_REJECT_REASONS } from './policy';
import { Printer, type PrinterOptions } from './printer';

const TV1 = classicOrder('AC001', '10005');

describe('Printer against a fake GoodCom server', () => {
  const servers: FakeGoodcomServer[] = [];
  const printers: Printer[] = [];

  afterEach(async () => {
    await Promise.all(printers.splice(0).map((p) => p.stop()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function setup(
    serverOptions: FakeServerOptions,
    printerOptions: Partial<PrinterOptions> = {},
  ): Promise<{ server: FakeGoodcomServer; printer: Printer; receipts: string[] }> {
    const server = await startFakeServer(serverOptions);
    servers.push(server);
    const receipts: string[] = [];
    const printer = new Printer({
      pollUrl: server.url('/poll'),
      callbackUrl: server.url('/callback'),
      resId: 'AC001',
      username: 'testuser',
      password: 'test',
      intervalMs: 20,
      onReceipt: (text) => receipts.push(text),
      ...printerOptions,
    });
    printers.push(printer);
    return { server, printer, receipts };
  }

  it('prints an order and accepts it with dt = now + N minutes as HH:MM in the zone', async () => {
    const { server, printer, receipts } = await setup(
      { orders: [TV1] },
      { acceptMinutes: 15, timeZone: 'Europe/Rome', now: () => new Date('2024-05-01T23:50:00Z') },
    );
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 1);

    expect(server.callbacks).toHaveLength(1);
    // 23:50 UTC is 01:50 in Rome (CEST); + 15 minutes.
    expect(server.callbacks[0]?.params).toEqual({
      a: 'AC001',
      o: '10005',
      ak: 'Accepted',
      m: 'OK',
      dt: '02:05',
      u: 'testuser',
      p: 'test',
    });
    expect(server.callbacks[0]?.target).toBe(
      '/callback?a=AC001&o=10005&ak=Accepted&m=OK&dt=02:05&u=testuser&p=test',
    );
    const poll = server.polls[0];
    expect(poll?.target).toBe('/poll?a=AC001&u=testuser&p=test');
    expect(poll?.headers['user-agent']).toMatch(/^gc\(/);
    expect(poll?.headers.pragma).toBe('no-cache');
    expect(poll?.headers.accept).toBe('*/*');

    expect(printer.stats.ordersPrinted).toBe(1);
    expect(printer.stats.duplicates).toBe(0);
    const [printed] = printer.printed;
    expect(printed?.orderId).toBe('10005');
    expect(printed?.order.customerName).toBe('Tom');
    expect(printed?.answer).toEqual({ ak: 'Accepted', m: 'OK', dt: '02:05' });
    expect(printed?.answeredAt).toBeInstanceOf(Date);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toContain('Chiken');
  });

  it('uses the system zone by default (UTC under Jest) and appends with & to a URL with a query', async () => {
    const server = await startFakeServer({ orders: [TV1] });
    servers.push(server);
    const printer = new Printer({
      pollUrl: server.url('/poll?token=abc'),
      callbackUrl: server.url('/callback?token=abc'),
      resId: 'AC001',
      username: 'u',
      password: 'p',
      intervalMs: 20,
      now: () => new Date('2024-05-01T08:05:00Z'),
    });
    printers.push(printer);
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 1);
    expect(server.polls[0]?.target).toBe('/poll?token=abc&a=AC001&u=u&p=p');
    expect(server.callbacks[0]?.params.token).toBe('abc');
    expect(server.callbacks[0]?.params.dt).toBe('08:20');
  });

  it('rejects with raw spaces in the GET request line, like firmware', async () => {
    const { server, printer } = await setup(
      { orders: [TV1], transport: 'raw' },
      { policy: 'reject', reason: 'TOO BUSY', rawSpaces: true, now: () => new Date('2024-05-01T19:42:00Z') },
    );
    printer.start();
    await printer.waitFor((p) => p.stats.rejected === 1);
    expect(server.callbacks[0]?.requestLine).toBe(
      'GET /callback?a=AC001&o=10005&ak=Rejected&m=TOO BUSY&dt=19:42&u=testuser&p=test HTTP/1.1',
    );
    expect(printer.printed[0]?.answer).toEqual({ ak: 'Rejected', m: 'TOO BUSY', dt: '19:42' });
  });

  it('percent-encodes the reason without --raw-spaces and picks it from the GoodCom list', async () => {
    const { server, printer } = await setup(
      { orders: [TV1], transport: 'raw' },
      { policy: 'reject', seed: 7 },
    );
    printer.start();
    await printer.waitFor((p) => p.stats.rejected === 1);
    const line = server.callbacks[0]?.requestLine ?? '';
    expect(line).toMatch(/^GET \/callback\?\S+ HTTP\/1\.1$/);
    expect(DEFAULT_REJECT_REASONS).toContain(server.callbacks[0]?.params.m);
  });

  it('sends the callback as a POST form', async () => {
    const { server, printer } = await setup(
      { orders: [TV1] },
      { callbackMethod: 'POST', policy: 'reject', reason: 'FOOD UNAVAILABLE' },
    );
    printer.start();
    await printer.waitFor((p) => p.stats.rejected === 1);
    const callback = server.callbacks[0];
    expect(callback?.method).toBe('POST');
    expect(callback?.target).toBe('/callback');
    expect(callback?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(callback?.params).toMatchObject({ a: 'AC001', o: '10005', ak: 'Rejected', m: 'FOOD UNAVAILABLE' });
    expect(callback?.params.dt).toMatch(/^\d{2}:\d{2}$/);
  });

  it('reads an order longer than 1 KiB in Range chunks', async () => {
    const wire = longOrder('AC001', '20001');
    expect(Buffer.byteLength(wire)).toBeGreaterThan(2048);
    const { server, printer } = await setup({ orders: [wire] }, { range: true });
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 1);
    expect(server.polls.slice(0, 3).map((poll) => poll.headers.range)).toEqual([
      'bytes=0-1023',
      'bytes=1024-2047',
      'bytes=2048-3071',
    ]);
    // Multi-byte characters split across chunk edges survive because chunks are joined as bytes.
    expect(printer.printed[0]?.wire).toBe(wire);
    expect(printer.printed[0]?.order.lines).toHaveLength(60);
    expect(printer.stats.ordersPrinted).toBe(1);
  });

  it('treats a 416 on an empty queue as no order', async () => {
    const { printer } = await setup({ orders: [] }, { range: true });
    printer.start();
    await printer.waitFor((p) => p.stats.polls >= 2);
    expect(printer.stats.emptyPolls).toBe(printer.stats.polls);
    expect(printer.stats.errors).toBe(0);
  });

  it('counts an order served again after it was answered as a duplicate, once', async () => {
    const { server, printer, receipts } = await setup({ orders: [TV1], reserveAfterAnswer: '10005' });
    printer.start();
    await printer.waitFor((p) => p.stats.duplicates === 1 && p.stats.polls >= 4);
    expect(printer.stats).toMatchObject({ ordersPrinted: 1, accepted: 1, duplicates: 1, reserved: 0 });
    expect(receipts).toHaveLength(1);
    // The answer is repeated so the server can dequeue it; the queue is empty afterwards.
    expect(server.callbacks.map((c) => c.params.o)).toEqual(['10005', '10005']);
    expect(server.queue).toEqual([]);
  });

  it('retries a failed callback on the next cycle without printing again', async () => {
    const { server, printer, receipts } = await setup({ orders: [TV1], failCallbacks: 1 });
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 1);
    expect(printer.stats).toMatchObject({ ordersPrinted: 1, callbackFailures: 1, duplicates: 0 });
    expect(printer.stats.reserved).toBeGreaterThanOrEqual(1);
    expect(printer.printed[0]?.callbackAttempts).toBe(2);
    expect(server.callbacks).toHaveLength(2);
    expect(receipts).toHaveLength(1);
  });

  it('counts a callback as answered only on the exact status line HTTP/1.1 200 OK', async () => {
    const { server, printer } = await setup({
      orders: [TV1],
      transport: 'raw',
      callbackStatusLines: ['HTTP/1.1 206 Partial Content', 'HTTP/1.1 200 Okay'],
    });
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 1);
    expect(printer.stats).toMatchObject({ ordersPrinted: 1, callbackFailures: 2, duplicates: 0 });
    // The server already dequeued the order on the first callback; the retries still get answered.
    expect(server.callbacks.map((c) => c.params.o)).toEqual(['10005', '10005', '10005']);
  });

  it('prints but never answers with the none policy', async () => {
    const { server, printer } = await setup({ orders: [TV1] }, { policy: 'none' });
    printer.start();
    await printer.waitFor((p) => p.stats.polls >= 4);
    expect(printer.stats).toMatchObject({
      ordersPrinted: 1,
      ignored: 1,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
    });
    expect(printer.stats.reserved).toBeGreaterThanOrEqual(3);
    expect(server.callbacks).toHaveLength(0);
    expect(printer.printed[0]?.answeredAt).toBeNull();
  });

  it('polls again at once when the callback answer says More-orders: 1', async () => {
    const orders = [
      classicOrder('AC001', '1', 0),
      classicOrder('AC001', '2', 1),
      classicOrder('AC001', '3', 2),
    ];
    const { server, printer } = await setup({ orders }, { intervalMs: 60_000 });
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 3, 3000);
    expect(server.polls).toHaveLength(3);
    expect(printer.printed.map((p) => p.orderId)).toEqual(['1', '2', '3']);
  });

  it('writes absolute-form request lines when asked', async () => {
    const { server, printer } = await setup({ orders: [TV1], transport: 'raw' }, { absoluteForm: true });
    printer.start();
    await printer.waitFor((p) => p.stats.accepted === 1);
    const origin = `http://127.0.0.1:${server.port}`;
    expect(server.polls[0]?.requestLine).toBe(`GET ${origin}/poll?a=AC001&u=testuser&p=test HTTP/1.1`);
    expect(server.callbacks[0]?.requestLine).toMatch(
      new RegExp(`^GET ${origin}/callback\\?a=AC001&o=10005&ak=Accepted&`),
    );
  });

  it('prints an HttpC print command as text', async () => {
    const { printer, receipts } = await setup(
      { orders: [TV1], credentials: { username: 'right', password: 'right' } },
      { username: 'wrong' },
    );
    printer.start();
    await printer.waitFor((p) => p.stats.commands >= 1);
    expect(receipts[0]).toBe('Authentication error!');
    expect(printer.stats.ordersPrinted).toBe(0);
    expect(printer.stats.errors).toBe(0);
  });

  it('asks a custom policy function and uses its answer', async () => {
    const orders = [classicOrder('AC001', '1', 0), classicOrder('AC001', '2', 1)];
    const { server, printer } = await setup(
      { orders },
      {
        now: () => new Date('2024-05-01T12:00:00Z'),
        policy: (order) =>
          order.orderType === 'collection'
            ? { accept: true, minutes: 40 }
            : { accept: false, reason: 'CLOSED' },
      },
    );
    printer.start();
    await printer.waitFor((p) => p.stats.accepted + p.stats.rejected === 2);
    expect(server.callbacks.map((c) => [c.params.o, c.params.ak, c.params.m, c.params.dt])).toEqual([
      ['1', 'Rejected', 'CLOSED', '12:00'],
      ['2', 'Accepted', 'OK', '12:40'],
    ]);
  });

  it('makes the random policy reproducible with a seed', async () => {
    const orders = Array.from({ length: 6 }, (_, i) => classicOrder('AC001', String(i + 1), i));
    const runOnce = async (): Promise<string[]> => {
      const { server, printer } = await setup({ orders }, { policy: 'random', acceptRatio: 0.5, seed: 1234 });
      printer.start();
      await printer.waitFor((p) => p.stats.accepted + p.stats.rejected === 6, 5000);
      await printer.stop();
      return server.callbacks.map((c) => `${c.params.ak}:${c.params.m}`);
    };
    const first = await runOnce();
    expect(await runOnce()).toEqual(first);
    expect(new Set(first.map((a) => a.split(':')[0])).size).toBe(2); // both outcomes occur with this seed
  });

  it('counts failed polls as errors and keeps polling', async () => {
    const { printer } = await setup({ pollStatus: 500 });
    printer.start();
    await printer.waitFor((p) => p.stats.errors >= 2);
    expect(printer.stats.polls).toBeGreaterThanOrEqual(2);
    expect(printer.stats.pollLatencies).toHaveLength(0);
  });

  it('stops promptly while a policy is still waiting for staff', async () => {
    const { printer } = await setup({ orders: [TV1] }, { policy: () => new Promise(() => undefined) });
    printer.start();
    await printer.waitFor((p) => p.stats.ordersPrinted === 1);
    const started = Date.now();
    await printer.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(printer.running).toBe(false);
  });

  it('rejects waitFor on timeout', async () => {
    const { printer } = await setup({ orders: [] });
    printer.start();
    await expect(printer.waitFor((p) => p.stats.accepted > 0, 100)).rejects.toThrow(
      'condition not met within 100 ms',
    );
  });

  it('validates its options', () => {
    const base = {
      pollUrl: 'http://x/p',
      callbackUrl: 'http://x/c',
      resId: 'a',
      username: 'u',
      password: 'p',
    };
    expect(() => new Printer({ ...base, pollUrl: 'not a url' })).toThrow('pollUrl is not a valid URL');
    expect(() => new Printer({ ...base, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => new Printer({ ...base, acceptRatio: 2 })).toThrow('acceptRatio');
  });
});
