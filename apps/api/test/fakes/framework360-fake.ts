import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a Framework360 site's API, implementing only what is documented publicly
 * (see docs/integrations/framework360.md): base `/m/api/`, the `X-Fw360-Key` header, `{data: …}`
 * answers, `orders/list`, `orders/get`, `orders/statuses`, `payments/list` and `orders/updateStatus`.
 * The order objects themselves are whatever the test stores: Framework360's order JSON is not
 * published, so the fake serves our fixtures' guess of it.
 */

export type FakeOrder = Record<string, unknown>;

export interface Fw360Call {
  method: string;
  /** The action after `/m/api/`, e.g. `orders/list`. */
  action: string;
  query: Record<string, string | string[]>;
  /** JSON or form body, parsed (null for GET or an unreadable body). */
  body: Record<string, unknown> | null;
  contentType: string | null;
  apiKey: string | null;
  status: number;
  at: number;
}

export interface StatusUpdate {
  id: string;
  status: string;
  note: string | null;
}

export interface Framework360Fake {
  /** The API base to give the bridge as siteUrl: `http://127.0.0.1:<port>/m/api/`. */
  baseUrl: string;
  apiKey: string;
  calls: Fw360Call[];
  updates: StatusUpdate[];
  statuses: { id: number | string; name: string }[];
  payments: { id: number | string; name: string }[];
  /** Answer every call with 503 (after recording it). */
  down: boolean;
  /** List entries carry only id/date/total (the adapter must fetch each with orders/get). */
  listSummaries: boolean;
  /** Behave like a shop that ignores `order=desc` and lists the oldest orders first. */
  listOldestFirst: boolean;
  /** Stores an order (newest by its `created_at`, then by id); returns it. */
  addOrder(order: FakeOrder): FakeOrder;
  /** A plausible COD delivery order with the next id, created "now" unless overridden. */
  makeOrder(overrides?: FakeOrder): FakeOrder;
  order(id: string | number): FakeOrder | undefined;
  waitFor(count: number, filter?: (call: Fw360Call) => boolean, timeoutMs?: number): Promise<Fw360Call[]>;
  close(): Promise<void>;
}

export const DEFAULT_STATUSES = [
  { id: 1, name: 'In attesa' },
  { id: 2, name: 'In lavorazione' },
  { id: 5, name: 'Completato' },
  { id: 7, name: 'Annullato' },
];

interface Stored {
  order: FakeOrder;
  createdMs: number;
  seq: number;
}

/** `2026-11-29 19:02:11`: the zone-less format a PHP backend typically prints. */
export function shopTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function createdMs(order: FakeOrder): number {
  const raw = order['created_at'] ?? order['date'] ?? order['data_creazione'];
  if (typeof raw === 'number') return raw < 1e11 ? raw * 1000 : raw;
  if (typeof raw !== 'string') return 0;
  const parsed = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed) ? 0 : parsed;
}

function parseBody(text: string, contentType: string): Record<string, unknown> | null {
  if (text === '') return {};
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A form or JSON field as text ('' when absent or not a scalar). */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = key.endsWith('[]') ? all : (all[0] ?? '');
  }
  return query;
}

export async function startFramework360Fake(options: { apiKey?: string } = {}): Promise<Framework360Fake> {
  const stored = new Map<string, Stored>();
  let seq = 0;
  let nextId = 2001;

  const fake = {
    apiKey: options.apiKey ?? 'fw360-test-key-0123456789abcdef01234567',
    calls: [] as Fw360Call[],
    updates: [] as StatusUpdate[],
    statuses: DEFAULT_STATUSES.map((status) => ({ ...status })),
    payments: [
      { id: 1, name: 'Carta di credito' },
      { id: 2, name: 'PayPal' },
      { id: 3, name: 'Contrassegno' },
    ],
    down: false,
    listSummaries: false,
    listOldestFirst: false,
  } as Framework360Fake;

  fake.addOrder = (order) => {
    const id = String(order['id']);
    seq += 1;
    stored.set(id, { order, createdMs: createdMs(order), seq });
    if (/^\d+$/.test(id)) nextId = Math.max(nextId, Number(id) + 1);
    return order;
  };
  fake.makeOrder = (overrides = {}) => {
    const id = nextId;
    nextId += 1;
    return fake.addOrder({
      id,
      created_at: shopTime(Date.now()),
      order_status: 1,
      user_email: `customer${id}@example.com`,
      cart: [
        { product_id: 12, name: 'Pizza Margherita', quantity: 2, price: '7,50' },
        { product_id: 31, name: 'Coca-Cola', quantity: 1, price: '2,50' },
      ],
      billing_data: { nome: 'Giulia', cognome: 'Rossi', telefono: '+39 333 1234567' },
      shipping_data: {
        nome: 'Giulia',
        cognome: 'Rossi',
        indirizzo: 'Via Roma 1',
        cap: '00100',
        citta: 'Roma',
      },
      shipping: { id: 1, name: 'Consegna a domicilio', cost: '2,00' },
      payment: { id: 3, name: 'Contrassegno' },
      payment_status: 'Non incassato',
      total: '19,50',
      note: `Order ${id}`,
      ...overrides,
    });
  };
  fake.order = (id) => stored.get(String(id))?.order;

  const newestFirst = () =>
    [...stored.values()]
      .sort((a, b) => b.createdMs - a.createdMs || b.seq - a.seq)
      .map((entry) => entry.order);

  function answer(action: string, method: string, url: URL, body: Record<string, unknown> | null) {
    if (method === 'GET' && action === 'orders/list') {
      const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
      const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? '20') || 20));
      const wanted = url.searchParams.getAll('statuses[]');
      let orders = newestFirst().filter(
        (order) => wanted.length === 0 || wanted.includes(String(order['order_status'])),
      );
      if (fake.listOldestFirst || url.searchParams.get('order') === 'asc') orders = orders.reverse();
      const slice = orders.slice((page - 1) * limit, page * limit);
      const data = fake.listSummaries
        ? slice.map((order) => ({
            id: order['id'],
            created_at: order['created_at'],
            total: order['total'],
            order_status: order['order_status'],
          }))
        : slice;
      return { status: 200, body: { status: 1, data } };
    }
    if (method === 'GET' && action === 'orders/get') {
      const order = stored.get(url.searchParams.get('id') ?? '')?.order;
      return order
        ? { status: 200, body: { status: 1, data: order } }
        : { status: 404, body: { status: 0, error: 'order_not_found' } };
    }
    if (method === 'GET' && action === 'orders/statuses')
      return { status: 200, body: { status: 1, data: fake.statuses } };
    if (method === 'GET' && action === 'payments/list')
      return { status: 200, body: { status: 1, data: fake.payments } };
    if (method === 'POST' && action === 'orders/updateStatus') {
      if (body === null) return { status: 400, body: { status: 0, error: 'invalid_body' } };
      const id = scalar(body['id']);
      const status = scalar(body['status']);
      if (id === '' || status === '')
        return { status: 400, body: { status: 0, error: 'missing_parameters' } };
      const entry = stored.get(id);
      if (!entry) return { status: 404, body: { status: 0, error: 'order_not_found' } };
      if (!fake.statuses.some((option) => String(option.id) === status)) {
        return { status: 400, body: { status: 0, error: 'invalid_status' } };
      }
      entry.order['order_status'] = /^\d+$/.test(status) ? Number(status) : status;
      fake.updates.push({ id, status, note: typeof body['note'] === 'string' ? body['note'] : null });
      return {
        status: 200,
        body: { status: 1, data: { id: entry.order['id'], order_status: entry.order['order_status'] } },
      };
    }
    return { status: 404, body: { status: 0, error: 'not_found' } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const contentType = req.headers['content-type'] ?? '';
      const text = Buffer.concat(chunks).toString('utf8');
      const apiKey = typeof req.headers['x-fw360-key'] === 'string' ? req.headers['x-fw360-key'] : null;
      const action = url.pathname.startsWith('/m/api/') ? url.pathname.slice('/m/api/'.length) : url.pathname;
      const body = req.method === 'POST' ? parseBody(text, contentType) : null;
      let result: { status: number; body: unknown };
      if (fake.down) result = { status: 503, body: { error: 'maintenance' } };
      else if (!url.pathname.startsWith('/m/api/')) result = { status: 404, body: { error: 'not_found' } };
      else if (apiKey !== fake.apiKey) result = { status: 401, body: { error: 'invalid_key' } };
      else result = answer(action, req.method ?? 'GET', url, body);
      fake.calls.push({
        method: req.method ?? '',
        action,
        query: queryOf(url),
        body,
        contentType: contentType || null,
        apiKey,
        status: result.status,
        at: Date.now(),
      });
      res.writeHead(result.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.baseUrl = `http://127.0.0.1:${port}/m/api/`;
  fake.waitFor = async (count, filter = () => true, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = fake.calls.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        const seen = fake.calls.map((call) => `${call.method} ${call.action} ${call.status}`).join(', ');
        throw new Error(`waited for ${count} Framework360 calls, got ${matching.length}: ${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
