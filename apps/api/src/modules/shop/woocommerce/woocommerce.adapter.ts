import { DomainError } from '../../../common/domain-error';
import { OutboundError, sendOutbound } from '../../../infra/http/outbound';
import type { DeliveryOutcome } from '../../outbox/outbox-channel';
import {
  type AdapterContext,
  type InboundRequest,
  maskSecret,
  type ShopAdapter,
  type ShopCredentials,
  type ShopInbound,
  type StatusPush,
} from '../shop-adapter';
import { DEFAULT_PICKUP_METHODS, readOrder } from './woocommerce.mapping';
import { checkWooSignature } from './woocommerce.signature';

/** The only topic we import; the webhook is created with topic "Order created". */
const ORDER_CREATED = 'order.created';
/** WooCommerce's test call when a webhook is saved: form-encoded, unsigned (class-wc-webhook.php, deliver_ping). */
const PING_BODY = /^webhook_id=\d+$/;
/** Enough of an error answer to understand it, without storing a whole HTML error page. */
const RESPONSE_MAX = 2000;

function header(request: InboundRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

interface CallResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  response: string | null;
  latencyMs: number;
}

/** "woocommerce_rest_cannot_edit: Sorry, …" out of a WordPress REST error body, when it is one. */
function restError(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'string') {
      return typeof parsed.message === 'string' ? `${parsed.code}: ${parsed.message}` : parsed.code;
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status code says enough.
  }
  return null;
}

/** Reads orders from WooCommerce's `order.created` webhook and writes the printer's decision back over REST v3. */
export class WooCommerceAdapter implements ShopAdapter {
  readonly platform = 'woocommerce' as const;
  readonly idPrefix = 'wc';
  readonly requiredCredentials = ['consumerKey', 'consumerSecret'] as const;

  inbound(request: InboundRequest, context: AdapterContext): Promise<ShopInbound> {
    // Reading needs no I/O; `then` turns its refusals into a rejected promise, as the interface promises.
    return Promise.resolve().then(() => this.read(request, context));
  }

  deliveryId(request: InboundRequest): string | null {
    const id = header(request, 'x-wc-webhook-delivery-id')?.trim();
    return id ? id : null;
  }

  async pushStatus(push: StatusPush, context: AdapterContext): Promise<DeliveryOutcome> {
    const orderPath = `/orders/${encodeURIComponent(push.shopOrderId)}`;
    // Setting a status twice is harmless, so a retry after a failed note simply repeats both calls.
    const update = await this.call(context, 'PUT', orderPath, { status: push.status });
    if (!update.ok) return update;
    const note = await this.call(context, 'POST', `${orderPath}/notes`, {
      note: push.note,
      customer_note: false,
    });
    if (!note.ok) return note;
    return { ...note, latencyMs: update.latencyMs + note.latencyMs };
  }

  hints(credentials: ShopCredentials): Record<string, string> {
    const hints: Record<string, string> = {};
    if (credentials.consumerKey) hints['consumerKey'] = maskSecret(credentials.consumerKey);
    if (credentials.consumerSecret) hints['consumerSecret'] = maskSecret(credentials.consumerSecret);
    return hints;
  }

  private read(request: InboundRequest, context: AdapterContext): ShopInbound {
    const signature = header(request, 'x-wc-webhook-signature');
    if (signature === undefined && PING_BODY.test(request.rawBody.toString('utf8').trim())) {
      return { kind: 'ping' };
    }
    this.verify(signature, request.rawBody, context);
    const topic = header(request, 'x-wc-webhook-topic')?.trim() ?? '';
    if (topic !== ORDER_CREATED) {
      return {
        kind: 'ignored',
        shopOrderId: null,
        reason: `topic ${topic || '(none)'} is not imported: create the webhook with topic "Order created"`,
      };
    }
    const pickupMethods = context.connection.settings.pickupMethods ?? DEFAULT_PICKUP_METHODS;
    return readOrder(request.rawBody, { pickupMethods });
  }

  private verify(signature: string | undefined, rawBody: Buffer, context: AdapterContext): void {
    const secret = context.credentials.webhookSecret;
    if (!secret) {
      throw new DomainError(
        'invalid_signature',
        'This WooCommerce connection has no webhook secret to check against',
      );
    }
    const problem = checkWooSignature(secret, signature, rawBody);
    if (problem === 'missing') {
      throw new DomainError(
        'invalid_signature',
        'X-WC-Webhook-Signature is missing: only WooCommerce webhooks created with this connection’s secret are accepted',
      );
    }
    if (problem === 'mismatch') {
      throw new DomainError(
        'invalid_signature',
        'X-WC-Webhook-Signature does not match the body: the webhook’s Secret in WooCommerce must be this connection’s webhook secret',
      );
    }
  }

  private apiBase(context: AdapterContext): string {
    return `${context.connection.siteUrl.replace(/\/+$/, '')}/wp-json/wc/v3`;
  }

  private async call(
    context: AdapterContext,
    method: 'PUT' | 'POST',
    path: string,
    body: Record<string, unknown>,
  ): Promise<CallResult> {
    const { consumerKey = '', consumerSecret = '' } = context.credentials;
    const what = `${method} /wp-json/wc/v3${path}`;
    try {
      const response = await sendOutbound({
        method,
        url: `${this.apiBase(context)}${path}`,
        headers: {
          Authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
        timeoutMs: context.timeoutMs,
        allowPrivate: context.allowPrivateTargets,
      });
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      const reason = restError(response.body);
      return {
        ok,
        statusCode: response.statusCode,
        error: ok ? null : `${what} answered HTTP ${response.statusCode}${reason ? ` (${reason})` : ''}`,
        response: response.body.slice(0, RESPONSE_MAX),
        latencyMs: response.latencyMs,
      };
    } catch (error) {
      // An outcome is always reported (the outbox retries it), never thrown.
      const failure =
        error instanceof OutboundError ? `${error.kind}: ${error.message}` : `error: ${String(error)}`;
      return {
        ok: false,
        statusCode: null,
        error: `${what} failed: ${failure}`,
        response: null,
        latencyMs: error instanceof OutboundError ? error.latencyMs : 0,
      };
    }
  }
}
