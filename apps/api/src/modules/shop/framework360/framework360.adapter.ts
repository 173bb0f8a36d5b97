import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { ShopStatusOption } from '@shared/types';
import { DomainError } from '../../../common/domain-error';
import { createLogger } from '../../../infra/logging/logger';
import type { DeliveryOutcome } from '../../outbox/outbox-channel';
import { capturePayload } from '../payload-capture';
import {
  type AdapterContext,
  type InboundRequest,
  maskSecret,
  type PollResult,
  type ShopAdapter,
  type ShopCredentials,
  type ShopInbound,
  type StatusPush,
} from '../shop-adapter';
import { describeAnswer, Framework360ApiError, Framework360Client } from './framework360.client';
import {
  advanceCursor,
  decodeCursor,
  encodeCursor,
  isNew,
  type PollCursor,
  startCursor,
} from './framework360.cursor';
import {
  comparePositions,
  guessStatus,
  hasCart,
  type Json,
  mapOrder,
  MappingError,
  orderFromResponse,
  type OrderPosition,
  orderPosition,
  ordersFromList,
  paymentIdWithoutName,
  readPaymentNames,
  readStatuses,
  readWebhook,
  shopError,
  unwrapData,
  validOrderId,
} from './framework360.mapping';

/** Orders per `orders/list` page, and pages read per poll (250 orders between two polls is far beyond a restaurant). */
export const PAGE_SIZE = 50;
export const MAX_PAGES = 5;
/** Status and payment-method lists change rarely: looked up at most this often per connection. */
const LOOKUP_TTL_MS = 10 * 60_000;
/** Enough of an error answer to understand it, without storing a whole HTML error page. */
const RESPONSE_MAX = 2000;
/**
 * Headers that may carry a delivery id (none is documented for Framework360). Standard Webhooks'
 * `webhook-id` is a per-message id; the shop order id is appended (see deliveryId) so that a
 * header that turned out to be per-subscription could never make two orders look like one.
 */
const DELIVERY_HEADERS = [
  'x-fw360-delivery',
  'x-fw360-delivery-id',
  'x-fw360-webhook-delivery',
  'x-fw360-event-id',
  'x-webhook-delivery',
  'x-webhook-delivery-id',
  'x-webhook-id',
  'webhook-id',
  'x-delivery-id',
  'x-event-id',
];
/** An empty `orders/list` answered as an error by some PHP APIs ("no results"). */
const EMPTY_LIST_ERROR = /no[ _-]?(result|order|data|record)|not[ _-]?found|empty|nessun/i;

function header(request: InboundRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Compares the URL's secret with ours in constant time (hashing first makes the lengths equal). */
function sameSecret(given: string | null, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** JSON (documented style) or, tolerated, a flat form body (`id=1045`); empty means a ping. */
function readBody(request: InboundRequest): unknown {
  const text = request.rawBody.toString('utf8').trim();
  if (text === '') return {};
  const type = header(request, 'content-type') ?? '';
  if (/x-www-form-urlencoded/i.test(type) || (!/^[[{"]/.test(text) && /^[\w%[\]]+=/.test(text))) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError('validation_failed', `The body is not JSON: ${(error as Error).message}`, [
      { field: 'body', problems: ['body is not JSON'] },
    ]);
  }
}

function invalidPayload(error: MappingError): DomainError {
  return new DomainError('validation_failed', `Framework360 order: ${error.message}`, [
    { field: error.field, problems: [error.message] },
  ]);
}

function failed(error: unknown, latencyMs = 0): DeliveryOutcome {
  if (error instanceof Framework360ApiError) {
    return {
      ok: false,
      statusCode: error.statusCode,
      error: error.message,
      response: error.response?.slice(0, RESPONSE_MAX) ?? null,
      latencyMs: error.latencyMs,
    };
  }
  return { ok: false, statusCode: null, error: (error as Error).message, response: null, latencyMs };
}

/** The server's log level is known to the config only; this default is for when no logger is handed in. */
/** Unit tests construct the adapter bare; the app passes its own logger (see shop-adapters.ts). */
function defaultLogger(): Logger {
  return createLogger('silent');
}

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Framework360: orders arrive by polling `orders/list` (or, once Framework360's webhook format is
 * known, by a webhook whose URL carries our secret); decisions go back with `orders/updateStatus`.
 * Everything about the order's shape lives in framework360.mapping.ts.
 */
export class Framework360Adapter implements ShopAdapter {
  readonly platform = 'framework360' as const;
  readonly idPrefix = 'fw360';
  readonly requiredCredentials = ['apiKey'] as const;

  private readonly statusLists = new Map<string, Cached<ShopStatusOption[]>>();
  private readonly paymentLists = new Map<string, Cached<Map<string, string>>>();

  constructor(private readonly logger: Logger = defaultLogger()) {}

  // ---- inbound ---------------------------------------------------------------------------

  async inbound(request: InboundRequest, context: AdapterContext): Promise<ShopInbound> {
    if (!sameSecret(request.pathSecret, context.credentials.webhookSecret)) {
      throw new DomainError(
        'invalid_signature',
        'The secret in the webhook URL is wrong or missing: use the webhook URL shown when the shop was connected',
      );
    }
    let meaning;
    try {
      meaning = readWebhook(readBody(request));
    } catch (error) {
      if (error instanceof MappingError) throw invalidPayload(error);
      throw error;
    }
    switch (meaning.kind) {
      case 'ping':
      case 'ignored':
        return meaning;
      case 'order':
        return this.toInbound(meaning.order, context, 'webhook');
      case 'fetch': {
        // The webhook named an order without carrying it: read it from the API.
        let order: Json;
        try {
          order = await this.fetchOrder(new Framework360Client(context), meaning.shopOrderId);
        } catch (error) {
          throw new DomainError(
            'shop_unavailable',
            `Could not read order ${meaning.shopOrderId} from Framework360: ${(error as Error).message}`,
          );
        }
        this.logger.debug(
          {
            connectionId: context.connection.id,
            shopOrderId: meaning.shopOrderId,
            body: capturePayload(JSON.stringify(order)),
          },
          'framework360 fetched order',
        );
        return this.toInbound(order, context, 'webhook');
      }
    }
  }

  /**
   * A plausible delivery id header, plus the order id the body names: a retried delivery of the
   * same order dedupes, two different orders never can.
   */
  deliveryId(request: InboundRequest): string | null {
    const value = DELIVERY_HEADERS.map((name) => header(request, name)?.trim()).find(
      (candidate): candidate is string => candidate !== undefined && /^[\x21-\x7e]{1,100}$/.test(candidate),
    );
    if (value === undefined) return null;
    let orderId: string | null = null;
    try {
      const meaning = readWebhook(readBody(request));
      if (meaning.kind === 'order') orderId = orderPosition(meaning.order)?.id ?? null;
      else if (meaning.kind !== 'ping') orderId = meaning.shopOrderId;
    } catch {
      orderId = null; // unreadable: inbound() refuses it anyway
    }
    if (orderId === null) return value.slice(0, 100);
    const id = `${value}#${orderId}`;
    return id.length <= 100
      ? id
      : `${createHash('sha256').update(value).digest('hex').slice(0, 32)}#${orderId}`;
  }

  // ---- polling ---------------------------------------------------------------------------

  /**
   * New orders since `cursor`, oldest first. `orders/list` is asked for `order=desc` (assumed:
   * newest first) and read page by page until a page reaches an order older than the cursor, an
   * empty page, a page with nothing unseen, or MAX_PAGES. The first poll imports nothing: it only
   * notes the newest existing order, so connecting a shop does not print last month's orders.
   */
  async poll(cursorText: string | null, context: AdapterContext): Promise<PollResult> {
    const client = new Framework360Client(context);
    const cursor = decodeCursor(cursorText);
    if (cursor === null) {
      if (cursorText !== null) {
        this.logger.warn(
          { connectionId: context.connection.id },
          'framework360 cursor unreadable: starting afresh',
        );
      }
      const page = await this.listPage(client, 1);
      const existing = page.map(orderPosition).filter((p): p is OrderPosition => p !== null);
      return { orders: [], cursor: encodeCursor(startCursor(existing)) };
    }
    const fresh = await this.newOrders(client, cursor, context);
    const orders: ShopInbound[] = [];
    for (const { order, position } of fresh) {
      const full = hasCart(order) ? order : await this.fetchOrder(client, position.id);
      this.logger.debug(
        {
          connectionId: context.connection.id,
          shopOrderId: position.id,
          body: capturePayload(JSON.stringify(full)),
        },
        'framework360 polled order',
      );
      orders.push(await this.toInbound(full, context, 'poll'));
    }
    const next = advanceCursor(
      cursor,
      fresh.map((entry) => entry.position),
    );
    return { orders, cursor: encodeCursor(next) };
  }

  private async newOrders(
    client: Framework360Client,
    cursor: PollCursor,
    context: AdapterContext,
  ): Promise<{ order: Json; position: OrderPosition }[]> {
    const fresh = new Map<string, { order: Json; position: OrderPosition }>();
    const listed = new Set<string>();
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const orders = await this.listPage(client, page);
      const positioned = orders.map((order) => ({ order, position: orderPosition(order) }));
      this.assertNewestFirst(positioned.map((entry) => entry.position));
      let unseen = 0;
      for (const { order, position } of positioned) {
        if (position === null) {
          this.logger.warn(
            { connectionId: context.connection.id },
            'framework360 listed an order without a usable id',
          );
          continue;
        }
        if (!listed.has(position.id)) unseen += 1;
        listed.add(position.id);
        if (isNew(position, cursor)) fresh.set(position.id, { order, position });
      }
      // An order at or before the cursor: everything after it on later pages is known already.
      const reachedOld = positioned.some(
        (entry) => entry.position !== null && !isNew(entry.position, cursor),
      );
      if (orders.length === 0 || unseen === 0 || reachedOld) break;
      if (page === MAX_PAGES) {
        this.logger.warn(
          { connectionId: context.connection.id, pages: MAX_PAGES, pageSize: PAGE_SIZE },
          'framework360: more new orders than one poll reads; older ones beyond were not imported',
        );
      }
    }
    return [...fresh.values()].sort((a, b) => comparePositions(a.position, b.position));
  }

  /** If the shop ignores `order=desc`, new orders would sit on the last page: say so instead of missing them. */
  private assertNewestFirst(positions: (OrderPosition | null)[]): void {
    const known = positions.filter((p): p is OrderPosition => p !== null && p.time > 0);
    const first = known[0];
    const last = known.at(-1);
    if (first && last && comparePositions(first, last) < 0 && first.time < last.time) {
      throw new Framework360ApiError(
        'orders/list',
        null,
        'orders/list returned the oldest orders first although order=desc was asked: polling cannot find new orders',
        null,
        0,
      );
    }
  }

  private async listPage(client: Framework360Client, page: number): Promise<Json[]> {
    let body: unknown;
    try {
      body = await client.get('orders/list', [
        ['page', String(page)],
        ['limit', String(PAGE_SIZE)],
        ['order', 'desc'],
      ]);
    } catch (error) {
      // "No results" reported as an error is an empty page, not a failure.
      if (
        error instanceof Framework360ApiError &&
        error.statusCode === 200 &&
        EMPTY_LIST_ERROR.test(error.message)
      ) {
        return [];
      }
      throw error;
    }
    const orders = ordersFromList(body);
    if (orders === null) throw new Error('orders/list: the answer holds no list of orders');
    return orders;
  }

  private async fetchOrder(client: Framework360Client, shopOrderId: string): Promise<Json> {
    const body = await client.get('orders/get', [['id', shopOrderId]]);
    const order = orderFromResponse(body);
    if (order === null) throw new Error(`orders/get?id=${shopOrderId}: the answer holds no order`);
    return order;
  }

  /** Maps one order; an unreadable polled order is skipped (and logged) so it cannot block the ones after it. */
  private async toInbound(
    order: Json,
    context: AdapterContext,
    source: 'webhook' | 'poll',
  ): Promise<ShopInbound> {
    const paymentNames = paymentIdWithoutName(order) !== null ? await this.paymentNames(context) : undefined;
    try {
      const mapped = mapOrder(order, {
        pickupMethods: context.connection.settings.pickupMethods ?? [],
        ...(paymentNames ? { paymentNames } : {}),
      });
      return { kind: 'order', shopOrderId: mapped.shopOrderId, order: mapped.order };
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      if (source === 'webhook') throw invalidPayload(error);
      const shopOrderId = validOrderId(orderPosition(order)?.id);
      this.logger.warn(
        { connectionId: context.connection.id, shopOrderId, problem: error.message },
        'framework360 polled order could not be read: skipped',
      );
      return { kind: 'ignored', shopOrderId, reason: `Could not read the order: ${error.message}` };
    }
  }

  /** `payments/list` names by id; a failure leaves the id as it is (the order still imports). */
  private async paymentNames(context: AdapterContext): Promise<Map<string, string>> {
    const cached = this.paymentLists.get(context.connection.id);
    if (cached && cached.until > context.now) return cached.value;
    try {
      const names = readPaymentNames(await new Framework360Client(context).get('payments/list'));
      this.paymentLists.set(context.connection.id, { value: names, until: context.now + LOOKUP_TTL_MS });
      return names;
    } catch (error) {
      this.logger.warn(
        { connectionId: context.connection.id, problem: (error as Error).message },
        'framework360 payments/list failed: payment method left as its id',
      );
      return new Map();
    }
  }

  // ---- status push -----------------------------------------------------------------------

  /**
   * `orders/updateStatus` with the mapped status id. The note (accept time / reject reason) goes in
   * the same call as `note`: no notes endpoint is documented, and `note` is the field name
   * `orders/create` uses. One call keeps a retry simple (setting a status twice is harmless).
   */
  async pushStatus(push: StatusPush, context: AdapterContext): Promise<DeliveryOutcome> {
    const client = new Framework360Client(context);
    let statusId: string | null;
    try {
      statusId = await this.statusIdFor(push.status, context);
    } catch (error) {
      return failed(error);
    }
    if (statusId === null) {
      return {
        ok: false,
        statusCode: null,
        error:
          `No Framework360 status is mapped to "${push.status}" and none is named like it: set ` +
          `statusMap.${push.status} on this connection (GET /api/v1/connections/${context.connection.id}/statuses lists the shop's statuses)`,
        response: null,
        latencyMs: 0,
      };
    }
    try {
      const answer = await client.send('POST', 'orders/updateStatus', [
        ['id', push.shopOrderId],
        ['status', statusId],
        ['note', push.note],
      ]);
      const httpOk = answer.statusCode >= 200 && answer.statusCode < 300;
      const refused = httpOk ? shopError(answer.body) : null;
      const ok = httpOk && refused === null;
      return {
        ok,
        statusCode: answer.statusCode,
        error: ok ? null : `orders/updateStatus: ${refused ?? describeAnswer(answer)}`,
        response: answer.text.slice(0, RESPONSE_MAX),
        latencyMs: answer.latencyMs,
      };
    } catch (error) {
      return failed(error);
    }
  }

  /** The owner's mapping first; otherwise the shop's status whose name says it. */
  private async statusIdFor(status: StatusPush['status'], context: AdapterContext): Promise<string | null> {
    const mapped = context.connection.settings.statusMap?.[status];
    if (mapped) return mapped;
    return guessStatus(await this.cachedStatuses(context), status)?.id ?? null;
  }

  private async cachedStatuses(context: AdapterContext): Promise<ShopStatusOption[]> {
    const cached = this.statusLists.get(context.connection.id);
    if (cached && cached.until > context.now) return cached.value;
    const statuses = await this.statuses(context);
    this.statusLists.set(context.connection.id, { value: statuses, until: context.now + LOOKUP_TTL_MS });
    return statuses;
  }

  async statuses(context: AdapterContext): Promise<ShopStatusOption[]> {
    const body = await new Framework360Client(context).get('orders/statuses');
    const statuses = readStatuses(body);
    if (statuses === null) {
      throw new Error(`orders/statuses: unexpected answer ${JSON.stringify(unwrapData(body)).slice(0, 120)}`);
    }
    return statuses;
  }

  hints(credentials: ShopCredentials): Record<string, string> {
    return credentials.apiKey ? { apiKey: maskSecret(credentials.apiKey) } : {};
  }
}
