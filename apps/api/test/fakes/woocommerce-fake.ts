import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a WooCommerce store: the documented parts of REST v3 the bridge calls
 * (orders and order notes, HTTP Basic auth with consumer key/secret, WordPress-style error
 * bodies) and the store's webhook deliveries (signed JSON, the unsigned creation ping).
 * Sources: woocommerce-rest-api-docs `_orders.md`, `_order-notes.md`, `_authentication.md`,
 * `_webhooks.md`; woocommerce `class-wc-webhook.php`, `class-wc-rest-authentication.php`.
 */

export interface FakeNote {
  id: number;
  author: string;
  date_created: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

export interface FakeCall {
  method: string;
  path: string;
  /** Parsed JSON body (undefined when none or unreadable). */
  body: unknown;
  /** The consumer key the call authenticated with, or null. */
  consumerKey: string | null;
  /** What the fake answered. */
  status: number;
  at: number;
}

type StoredOrder = Record<string, unknown> & { id: number; status: string };

interface Answer {
  status: number;
  body: unknown;
}

export interface FakeWooCommerceOptions {
  consumerKey?: string;
  consumerSecret?: string;
  /** WooCommerce → Settings → Advanced → REST API → Permissions. */
  permissions?: 'read' | 'write' | 'read_write';
}

/** Statuses the REST schema accepts for `PUT /orders/<id>` (platforms.md §2.3). */
const ORDER_STATUSES = new Set([
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'trash',
  'checkout-draft',
]);

const wpError = (status: number, code: string, message: string, extra: object = {}): Answer => ({
  status,
  body: { code, message, data: { status, ...extra } },
});

export class FakeWooCommerce {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly permissions: 'read' | 'write' | 'read_write';
  readonly orders = new Map<string, StoredOrder>();
  readonly notes = new Map<string, FakeNote[]>();
  readonly calls: FakeCall[] = [];
  url = '';
  private downUntil = 0;
  private downCalls = 0;
  private downMatch: (method: string, path: string) => boolean = () => true;
  private nextNoteId = 1000;
  private readonly server: http.Server;

  constructor(options: FakeWooCommerceOptions = {}) {
    this.consumerKey = options.consumerKey ?? `ck_${randomBytes(20).toString('hex')}`;
    this.consumerSecret = options.consumerSecret ?? `cs_${randomBytes(20).toString('hex')}`;
    this.permissions = options.permissions ?? 'read_write';
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = this.handle(req, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(answer.body));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Makes an order exist in the store (a fixture payload, or just an id and a status). */
  addOrder(order: { id: number; status?: string } & Record<string, unknown>): void {
    this.orders.set(String(order.id), { ...order, status: order.status ?? 'processing' });
  }

  status(orderId: number | string): string | undefined {
    return this.orders.get(String(orderId))?.status;
  }

  notesOf(orderId: number | string): FakeNote[] {
    return this.notes.get(String(orderId)) ?? [];
  }

  /** The store answers 503 (maintenance / overloaded PHP) for `ms` of real time. */
  goDown(ms: number): void {
    this.downUntil = Date.now() + ms;
  }

  /** The store answers 503 to the next `count` calls (those matching `match`, if given). */
  failNext(count: number, match: (method: string, path: string) => boolean = () => true): void {
    this.downCalls = count;
    this.downMatch = match;
  }

  up(): void {
    this.downUntil = 0;
    this.downCalls = 0;
  }

  /** Resolves once `count` calls matching `filter` were received. */
  async waitFor(count: number, filter: (call: FakeCall) => boolean = () => true, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.calls.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        throw new Error(
          `waited for ${count} WooCommerce calls, got ${matching.length}: ${this.calls
            .map((call) => `${call.method} ${call.path} → ${call.status}`)
            .join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private handle(req: http.IncomingMessage, raw: string): Answer {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const consumerKey = this.basicUser(req.headers.authorization);
    const answer = this.route(method, url.pathname, req.headers.authorization, raw, body);
    this.calls.push({ method, path: url.pathname, body, consumerKey, status: answer.status, at: Date.now() });
    return answer;
  }

  private basicUser(header: string | undefined): string | null {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : decoded.slice(0, colon);
  }

  private route(
    method: string,
    path: string,
    authorization: string | undefined,
    raw: string,
    body: unknown,
  ): Answer {
    const failing = this.downCalls > 0 && this.downMatch(method, path);
    if (failing || Date.now() < this.downUntil) {
      if (failing) this.downCalls -= 1;
      return wpError(503, 'service_unavailable', 'Briefly unavailable for scheduled maintenance.');
    }
    const match = /^\/wp-json\/wc\/v3\/orders\/([^/]+)(\/notes)?\/?$/.exec(path);
    if (!match)
      return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    const denied = this.authenticate(authorization, method !== 'GET');
    if (denied) return denied;
    if (raw !== '' && body === undefined) {
      return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    }
    const orderId = decodeURIComponent(match[1] ?? '');
    const order = this.orders.get(orderId);
    if (match[2]) {
      if (method !== 'POST' && method !== 'GET') return this.noRoute();
      if (!order) return wpError(404, 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
      return method === 'GET' ? { status: 200, body: this.notesOf(orderId) } : this.addNote(orderId, body);
    }
    if (!order) return wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    if (method === 'GET') return { status: 200, body: order };
    // Trunk also routes POST and PATCH to the update handler (platforms.md §2.6).
    if (method !== 'PUT' && method !== 'POST' && method !== 'PATCH') return this.noRoute();
    return this.updateOrder(order, body);
  }

  private noRoute(): Answer {
    return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }

  /** Basic auth as WC_REST_Authentication does it over HTTPS: key, then secret, then permission. */
  private authenticate(authorization: string | undefined, writes: boolean): Answer | null {
    const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      return writes
        ? wpError(401, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.')
        : wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
    }
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const key = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    if (key !== this.consumerKey) {
      return wpError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
    }
    if (secret !== this.consumerSecret) {
      return wpError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
    }
    if (writes && this.permissions === 'read') {
      return wpError(
        401,
        'woocommerce_rest_authentication_error',
        'The API key provided does not have write permissions.',
      );
    }
    return null;
  }

  private updateOrder(order: StoredOrder, body: unknown): Answer {
    const status = (body as { status?: unknown } | undefined)?.status;
    if (status !== undefined) {
      if (typeof status !== 'string' || !ORDER_STATUSES.has(status)) {
        return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
          params: { status: `status is not one of ${[...ORDER_STATUSES].join(', ')}.` },
        });
      }
      order.status = status;
      const now = new Date().toISOString().slice(0, 19);
      order['date_modified'] = now;
      order['date_modified_gmt'] = now;
      if (status === 'completed') {
        order['date_completed'] = now;
        order['date_completed_gmt'] = now;
      }
    }
    return { status: 200, body: order };
  }

  private addNote(orderId: string, body: unknown): Answer {
    const input = (body ?? {}) as { note?: unknown; customer_note?: unknown; added_by_user?: unknown };
    if (typeof input.note !== 'string' || input.note === '') {
      return wpError(400, 'rest_missing_callback_param', 'Missing parameter(s): note', { params: ['note'] });
    }
    const now = new Date().toISOString().slice(0, 19);
    const note: FakeNote = {
      id: (this.nextNoteId += 1),
      author: input.added_by_user === true ? 'shop-manager' : 'system',
      date_created: now,
      date_created_gmt: now,
      note: input.note,
      customer_note: input.customer_note === true,
    };
    this.notes.set(orderId, [...this.notesOf(orderId), note]);
    return { status: 201, body: note };
  }
}

export async function startFakeWooCommerce(options: FakeWooCommerceOptions = {}): Promise<FakeWooCommerce> {
  return new FakeWooCommerce(options).start();
}

/**
 * JSON the way WordPress writes it (wp_json_encode → PHP json_encode without flags): slashes
 * escaped and every non-ASCII character as a \u escape, so `José` arrives as `Jos\u00e9`.
 * The signature covers exactly these bytes.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface WebhookDelivery {
  /** The connection's webhook secret, as pasted into the webhook's Secret field. */
  secret: string;
  /** The order (serialised like WordPress) or an exact body to send. */
  payload: unknown;
  topic?: string;
  webhookId?: number;
  /** Defaults to a new random id, like WooCommerce's wp_hash per delivery. */
  deliveryId?: string;
  /** Overrides the signature header; null leaves it out. */
  signature?: string | null;
  source?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test, asserted field by field
type Json = any;

export interface DeliveryAnswer {
  status: number;
  body: Json;
  deliveryId: string;
  rawBody: string;
}

/** Sends one webhook exactly like WC_Webhook::deliver: POST, JSON, X-WC-Webhook-* headers, base64 HMAC-SHA256. */
export async function deliverWebhook(url: string, delivery: WebhookDelivery): Promise<DeliveryAnswer> {
  const topic = delivery.topic ?? 'order.created';
  const [resource = '', event = ''] = topic.split('.');
  const rawBody = typeof delivery.payload === 'string' ? delivery.payload : phpJsonEncode(delivery.payload);
  const deliveryId = delivery.deliveryId ?? randomBytes(16).toString('hex');
  const signature =
    delivery.signature === undefined
      ? createHmac('sha256', delivery.secret).update(rawBody).digest('base64')
      : delivery.signature;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
    'X-WC-Webhook-Source': delivery.source ?? 'https://pizzeria-da-gino.example/',
    'X-WC-Webhook-Topic': topic,
    'X-WC-Webhook-Resource': resource,
    'X-WC-Webhook-Event': event,
    'X-WC-Webhook-ID': String(delivery.webhookId ?? 12),
    'X-WC-Webhook-Delivery-ID': deliveryId,
    ...(signature === null ? {} : { 'X-WC-Webhook-Signature': signature }),
  };
  const response = await fetch(url, { method: 'POST', headers, body: rawBody });
  return { ...(await readAnswer(response)), deliveryId, rawBody };
}

/** What WooCommerce sends when a webhook is saved: `webhook_id=<id>`, form-encoded, unsigned. */
export async function sendCreationPing(url: string, webhookId = 12): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
      'User-Agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
    },
    body: `webhook_id=${webhookId}`,
  });
  return readAnswer(response);
}

async function readAnswer(response: Response): Promise<{ status: number; body: Json }> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}
