import { Writable } from 'node:stream';
import pino from 'pino';
import {
  startFramework360Fake,
  type Framework360Fake,
  shopTime,
} from '../../../../test/fakes/framework360-fake';
import { DomainError } from '../../../common/domain-error';
import type { AdapterContext, InboundRequest, ShopInbound } from '../shop-adapter';
import type { ShopConnection, ShopSettings } from '../shop-connection.entity';
import { Framework360Adapter, MAX_PAGES, PAGE_SIZE } from './framework360.adapter';
import { apiBase } from './framework360.client';
import { decodeCursor } from './framework360.cursor';

const SECRET = 'path-secret-0123456789';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function contextFor(
  fake: Framework360Fake,
  settings: ShopSettings = {},
  apiKey = fake.apiKey,
): AdapterContext {
  const connection = {
    id: '6f1c2f1e-0000-4000-8000-000000000001',
    siteUrl: fake.baseUrl,
    settings: { poll: true, statusMap: { completed: null, cancelled: null }, ...settings },
  } as ShopConnection;
  return {
    connection,
    credentials: { webhookSecret: SECRET, apiKey },
    timeoutMs: 2000,
    allowPrivateTargets: true,
    now: Date.now(),
  };
}

function request(
  body: unknown,
  pathSecret: string | null = SECRET,
  headers: Record<string, string> = {},
): InboundRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: Buffer.from(raw),
    pathSecret,
  };
}

const ids = (orders: ShopInbound[]) => orders.map((o) => (o.kind === 'order' ? o.shopOrderId : o.kind));

describe('Framework360Adapter against the fake shop', () => {
  let fake: Framework360Fake;
  let adapter: Framework360Adapter;
  let lines: Record<string, unknown>[];

  beforeEach(async () => {
    fake = await startFramework360Fake();
    const captured = capturingLogger();
    lines = captured.lines;
    adapter = new Framework360Adapter(captured.logger);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('has a no-arg constructor, asks only for the API key and shows it masked', () => {
    const plain = new Framework360Adapter();
    expect(plain.requiredCredentials).toEqual(['apiKey']);
    expect(plain.hints({ webhookSecret: 's', apiKey: 'abcdefghijklmnopqrstuvwxyz0123456789wxyz' })).toEqual({
      apiKey: '…wxyz',
    });
    expect(plain.hints({ webhookSecret: 's' })).toEqual({});
  });

  it('derives the API base from a site address or the documented base', () => {
    expect(apiBase('https://pizzeria.framework360.site')).toBe('https://pizzeria.framework360.site/m/api/');
    expect(apiBase('https://pizzeria.example/m/api')).toBe('https://pizzeria.example/m/api/');
    expect(apiBase('https://pizzeria.example/m/api/?x=1')).toBe('https://pizzeria.example/m/api/');
  });

  describe('inbound', () => {
    it('refuses a wrong or missing path secret before reading anything', async () => {
      const order = { id: 1, cart: [{ name: 'A', price: 1 }] };
      for (const secret of ['wrong', '', null, `${SECRET}x`]) {
        const refused = adapter.inbound(request(order, secret), contextFor(fake));
        await expect(refused).rejects.toMatchObject({ code: 'invalid_signature' });
      }
      expect(fake.calls).toHaveLength(0);
    });

    it('maps an order in the body, pings without one, ignores non-creation events', async () => {
      const context = contextFor(fake);
      const order = {
        event: 'order.created',
        data: { id: 77, cart: [{ name: 'A', price: '3,00' }], total: '3,00' },
      };
      await expect(adapter.inbound(request(order), context)).resolves.toMatchObject({
        kind: 'order',
        shopOrderId: '77',
        order: { items: [{ name: 'A', quantity: 1, unitPrice: '3.00' }], total: '3.00' },
      });
      await expect(adapter.inbound(request({ message: 'test' }), context)).resolves.toEqual({ kind: 'ping' });
      await expect(adapter.inbound(request(''), context)).resolves.toEqual({ kind: 'ping' });
      await expect(
        adapter.inbound(request({ event: 'order.deleted', order_id: 77 }), context),
      ).resolves.toMatchObject({ kind: 'ignored', shopOrderId: '77' });
      expect(fake.calls).toHaveLength(0);
    });

    it('fetches the order when the body carries only its id (JSON or form)', async () => {
      fake.makeOrder({ id: 3001 });
      const context = contextFor(fake);
      await expect(adapter.inbound(request({ order_id: 3001 }), context)).resolves.toMatchObject({
        kind: 'order',
        shopOrderId: '3001',
        order: { paymentMethod: 'cod', total: '19.50' },
      });
      const form = {
        ...request('id=3001'),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
      await expect(adapter.inbound(form, context)).resolves.toMatchObject({
        kind: 'order',
        shopOrderId: '3001',
      });
      expect(
        fake.calls.map((c) => `${c.action}?id=${String(c.query['id'])} ${c.apiKey === fake.apiKey}`),
      ).toEqual(['orders/get?id=3001 true', 'orders/get?id=3001 true']);
      expect(lines.some((line) => line['msg'] === 'framework360 fetched order' && line['level'] === 20)).toBe(
        true,
      );
    });

    it('answers unreadable bodies with validation_failed naming the problem, and shop trouble with shop_unavailable', async () => {
      const context = contextFor(fake);
      await expect(adapter.inbound(request('{"id": '), context)).rejects.toMatchObject({
        code: 'validation_failed',
        message: expect.stringMatching(/not JSON/),
      });
      await expect(adapter.inbound(request([1]), context)).rejects.toMatchObject({
        code: 'validation_failed',
        message: expect.stringMatching(/body must be a JSON object/),
      });
      await expect(adapter.inbound(request({ id: 5, cart: [{ price: 1 }] }), context)).rejects.toMatchObject({
        code: 'validation_failed',
        message: expect.stringMatching(/items\.0\.name is missing/),
      });
      const missing = adapter.inbound(request({ order_id: 999 }), context);
      await expect(missing).rejects.toBeInstanceOf(DomainError);
      await expect(missing).rejects.toMatchObject({
        code: 'shop_unavailable',
        message: expect.stringMatching(/404/),
      });
    });

    it('uses a plausible delivery header, bound to the order it carries', () => {
      expect(adapter.deliveryId(request({ order_id: 5 }))).toBeNull();
      expect(adapter.deliveryId(request({ order_id: 5 }, SECRET, { 'X-Fw360-Delivery': 'd-1' }))).toBe(
        'd-1#5',
      );
      expect(adapter.deliveryId(request({ message: 'hi' }, SECRET, { 'x-webhook-id': 'w-9' }))).toBe('w-9');
      expect(
        adapter.deliveryId(request({ order_id: 5 }, SECRET, { 'x-webhook-id': 'has spaces' })),
      ).toBeNull();
      const long = adapter.deliveryId(request({ order_id: 5 }, SECRET, { 'webhook-id': 'x'.repeat(99) }))!;
      expect(long).toMatch(/^[0-9a-f]{32}#5$/);
    });
  });

  describe('poll', () => {
    it('imports nothing on the first poll, then each new order once, oldest first', async () => {
      const now = Date.now();
      fake.makeOrder({ created_at: shopTime(now - 86_400_000) });
      fake.makeOrder({ created_at: shopTime(now - 3_600_000) });
      const context = contextFor(fake);
      const first = await adapter.poll(null, context);
      expect(first.orders).toEqual([]);
      expect(decodeCursor(first.cursor)).toMatchObject({ id: '2002' });

      const a = fake.makeOrder({ created_at: shopTime(now - 60_000) });
      const b = fake.makeOrder({ created_at: shopTime(now) });
      const second = await adapter.poll(first.cursor, context);
      expect(ids(second.orders)).toEqual([String(a['id']), String(b['id'])]);
      const third = await adapter.poll(second.cursor, context);
      expect(third.orders).toEqual([]);
      expect(third.cursor).toBe(second.cursor);
      const list = fake.calls.filter((c) => c.action === 'orders/list');
      expect(list[0]!.query).toEqual({ page: '1', limit: String(PAGE_SIZE), order: 'desc' });
    });

    it('never skips orders that share a creation second, whatever their ids', async () => {
      const second = shopTime(Date.now());
      const context = contextFor(fake);
      fake.makeOrder({ id: 5005, created_at: second });
      const start = await adapter.poll(null, context);
      // Same second, a lower id (ids need not grow with time), and a higher one.
      fake.makeOrder({ id: 5001, created_at: second });
      fake.makeOrder({ id: 5009, created_at: second });
      const next = await adapter.poll(start.cursor, context);
      expect(ids(next.orders).sort()).toEqual(['5001', '5009']);
      const again = await adapter.poll(next.cursor, context);
      expect(again.orders).toEqual([]);
    });

    it('reads further pages until it reaches known orders, fetching summaries in full', async () => {
      const base = Date.now() - 3_600_000;
      fake.makeOrder({ created_at: shopTime(base) });
      const context = contextFor(fake);
      const start = await adapter.poll(null, context);
      for (let i = 1; i <= PAGE_SIZE + 10; i += 1) fake.makeOrder({ created_at: shopTime(base + i * 1000) });
      fake.listSummaries = true;
      const result = await adapter.poll(start.cursor, context);
      expect(result.orders).toHaveLength(PAGE_SIZE + 10);
      expect(result.orders.every((o) => o.kind === 'order' && o.order.items.length === 2)).toBe(true);
      expect(fake.calls.filter((c) => c.action === 'orders/list').map((c) => c.query['page'])).toEqual([
        '1',
        '1',
        '2',
      ]);
      expect(fake.calls.filter((c) => c.action === 'orders/get')).toHaveLength(PAGE_SIZE + 10);
    });

    it(`stops after ${MAX_PAGES} pages, and starts from an empty shop`, async () => {
      const context = contextFor(fake);
      const start = await adapter.poll(null, context);
      expect(decodeCursor(start.cursor)).toEqual({ time: 0, id: '', seen: [] });
      const base = Date.now() - 3_600_000;
      for (let i = 0; i < PAGE_SIZE * MAX_PAGES + 5; i += 1)
        fake.makeOrder({ created_at: shopTime(base + i * 1000) });
      const result = await adapter.poll(start.cursor, context);
      expect(result.orders).toHaveLength(PAGE_SIZE * MAX_PAGES);
      expect(fake.calls.filter((c) => c.action === 'orders/list')).toHaveLength(1 + MAX_PAGES);
      expect(lines.some((line) => String(line['msg']).includes('more new orders than one poll reads'))).toBe(
        true,
      );
    });

    it('skips (and logs) a polled order it cannot read, so the ones after it still import', async () => {
      const context = contextFor(fake);
      const start = await adapter.poll(null, context);
      fake.makeOrder({ created_at: shopTime(Date.now() - 1000), cart: [{ price: 1 }] });
      const good = fake.makeOrder({ created_at: shopTime(Date.now()) });
      const result = await adapter.poll(start.cursor, context);
      expect(result.orders.map((o) => o.kind)).toEqual(['ignored', 'order']);
      expect(ids(result.orders)[1]).toBe(String(good['id']));
      expect(
        lines.some((line) => line['msg'] === 'framework360 polled order could not be read: skipped'),
      ).toBe(true);
    });

    it('logs polled bodies at debug level with secrets redacted', async () => {
      const context = contextFor(fake);
      const start = await adapter.poll(null, context);
      fake.makeOrder({ payment: { id: 1, name: 'Carta', card_token: 'tok_live_123' } });
      await adapter.poll(start.cursor, context);
      const logged = lines.find((line) => line['msg'] === 'framework360 polled order')!;
      expect(logged['level']).toBe(20);
      expect(String(logged['body'])).toContain('[redacted]');
      expect(JSON.stringify(lines)).not.toContain('tok_live_123');
      expect(JSON.stringify(lines)).not.toContain(fake.apiKey);
    });

    it('fails visibly when the key is wrong, the shop is down, or the list is not newest first', async () => {
      await expect(adapter.poll(null, contextFor(fake, {}, 'wrong-key'))).rejects.toThrow(
        'orders/list: HTTP 401 (invalid_key)',
      );
      fake.down = true;
      await expect(adapter.poll(null, contextFor(fake))).rejects.toThrow(
        'orders/list: HTTP 503 (maintenance)',
      );
      fake.down = false;
      const start = await adapter.poll(null, contextFor(fake));
      fake.makeOrder({ created_at: shopTime(Date.now() - 5000) });
      fake.makeOrder({ created_at: shopTime(Date.now()) });
      fake.listOldestFirst = true;
      await expect(adapter.poll(start.cursor, contextFor(fake))).rejects.toThrow(/oldest orders first/);
    });
  });

  describe('pushStatus and statuses', () => {
    it('sends the mapped status id and the note in one updateStatus call', async () => {
      fake.makeOrder({ id: 4001 });
      const context = contextFor(fake, { statusMap: { completed: '5', cancelled: '7' } });
      const outcome = await adapter.pushStatus(
        {
          shopOrderId: '4001',
          status: 'completed',
          note: 'Accepted on the printer at 19:31, ready for 19:45',
        },
        context,
      );
      expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null });
      expect(fake.updates).toEqual([
        { id: '4001', status: '5', note: 'Accepted on the printer at 19:31, ready for 19:45' },
      ]);
      const call = fake.calls.find((c) => c.action === 'orders/updateStatus')!;
      expect(call).toMatchObject({ method: 'POST', contentType: 'application/json', apiKey: fake.apiKey });
      expect(fake.calls.some((c) => c.action === 'orders/statuses')).toBe(false);
    });

    it('finds the status by name when it is not mapped, and says what to do when none fits', async () => {
      fake.makeOrder({ id: 4002 });
      const context = contextFor(fake);
      const cancelled = await adapter.pushStatus(
        { shopOrderId: '4002', status: 'cancelled', note: 'Rejected on the printer at 19:31: TOO BUSY' },
        context,
      );
      expect(cancelled.ok).toBe(true);
      expect(fake.updates.at(-1)).toEqual({
        id: '4002',
        status: '7',
        note: 'Rejected on the printer at 19:31: TOO BUSY',
      });

      const other = await startFramework360Fake();
      try {
        other.statuses = [{ id: 1, name: 'Nuovo' }];
        other.makeOrder({ id: 4003 });
        const outcome = await adapter.pushStatus(
          { shopOrderId: '4003', status: 'completed', note: 'Accepted' },
          {
            ...contextFor(other),
            connection: { ...contextFor(other).connection, id: 'other-connection' },
          },
        );
        expect(outcome).toMatchObject({ ok: false, statusCode: null });
        expect(outcome.error).toMatch(/statusMap\.completed/);
        expect(other.updates).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('reports refusals and outages as failed outcomes, never throwing', async () => {
      fake.makeOrder({ id: 4004 });
      const mapped = { statusMap: { completed: '5', cancelled: '7' } };
      const push = { shopOrderId: '4004', status: 'completed' as const, note: 'Accepted' };
      await expect(adapter.pushStatus(push, contextFor(fake, mapped, 'wrong'))).resolves.toMatchObject({
        ok: false,
        statusCode: 401,
        error: 'orders/updateStatus: HTTP 401 (invalid_key)',
      });
      fake.down = true;
      await expect(adapter.pushStatus(push, contextFor(fake, mapped))).resolves.toMatchObject({
        ok: false,
        statusCode: 503,
      });
      fake.down = false;
      await expect(
        adapter.pushStatus(push, contextFor(fake, { statusMap: { completed: '99', cancelled: '7' } })),
      ).resolves.toMatchObject({
        ok: false,
        statusCode: 400,
        error: 'orders/updateStatus: HTTP 400 (invalid_status)',
      });
      await fake.close();
      const down = await adapter.pushStatus(push, contextFor(fake, mapped));
      expect(down).toMatchObject({ ok: false, statusCode: null });
      expect(down.error).toMatch(/^orders\/updateStatus: /);
      fake = await startFramework360Fake();
    });

    it('lists the shop statuses as {id, name}', async () => {
      await expect(adapter.statuses(contextFor(fake))).resolves.toEqual([
        { id: '1', name: 'In attesa' },
        { id: '2', name: 'In lavorazione' },
        { id: '5', name: 'Completato' },
        { id: '7', name: 'Annullato' },
      ]);
      await expect(adapter.statuses(contextFor(fake, {}, 'wrong'))).rejects.toThrow('HTTP 401');
    });
  });
});
