/** Events a webhook endpoint can subscribe to (one per order status change, plus `ping`). */
export type WebhookEvent =
  | 'order.queued'
  | 'order.printing'
  | 'order.completed'
  | 'order.cancelled'
  | 'order.needs_attention'
  | 'order.skipped';

export const WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  'order.queued',
  'order.printing',
  'order.completed',
  'order.cancelled',
  'order.needs_attention',
  'order.skipped',
];

/** Request headers of every webhook we send. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-GCB-Signature';
export const WEBHOOK_EVENT_HEADER = 'X-GCB-Event';
export const WEBHOOK_DELIVERY_HEADER = 'X-GCB-Delivery';

export interface WebhookEndpointView {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  /** Null: every event. */
  events: WebhookEvent[] | null;
  enabled: boolean;
  /** Why the bridge disabled it (shown until it is enabled again). */
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  /** Deliveries still waiting to be sent (including retries). */
  pendingDeliveries: number;
  createdAt: string;
}

/** Returned once by create and by secret rotation. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

export type DeliveryChannel = 'webhook' | 'woocommerce' | 'framework360';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One message of the outbox: a webhook call or a status push to a shop. */
export interface DeliveryView {
  id: number;
  channel: DeliveryChannel;
  targetId: string;
  orderId: string | null;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryAttemptView {
  id: number;
  at: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  response: string | null;
}

export interface DeliveryDetail extends DeliveryView {
  /** The JSON body as sent. */
  payload: unknown;
  attempts: number;
  log: DeliveryAttemptView[];
}

export type ShopPlatform = 'woocommerce' | 'framework360';
export const SHOP_PLATFORMS: readonly ShopPlatform[] = ['woocommerce', 'framework360'];

export type InboundOutcome = 'created' | 'duplicate' | 'skipped' | 'ignored' | 'ping' | 'rejected';

export interface ShopConnectionView {
  id: string;
  tenantId: string;
  platform: ShopPlatform;
  name: string;
  siteUrl: string;
  /** Where the shop sends new orders (paste into WooCommerce → Settings → Advanced → Webhooks). */
  webhookUrl: string;
  printerId: string | null;
  enabled: boolean;
  /** Why status pushes stopped (shown until re-enabled). */
  disabledReason: string | null;
  /** Framework360: poll `orders/list` for new orders. */
  poll: boolean;
  /** Framework360: status ids set on accept / reject. */
  statusMap: { completed: string | null; cancelled: string | null } | null;
  /** WooCommerce: shipping method ids treated as pickup. */
  pickupMethods: string[] | null;
  /** Masked credential hints, e.g. `ck_…1a2b`. */
  credentialHints: Record<string, string>;
  health: {
    lastOrderAt: string | null;
    lastPushAt: string | null;
    lastPollAt: string | null;
    lastFailureAt: string | null;
    lastError: string | null;
    consecutiveFailures: number;
    pendingPushes: number;
    failedPushes: number;
  };
  /** The last body the shop sent, secrets redacted: for checking a mapping against real data. */
  lastPayload: string | null;
  createdAt: string;
}

/** Returned once by create and by secret rotation: the secret to paste into the shop. */
export interface ShopConnectionWithSecret extends ShopConnectionView {
  webhookSecret: string;
}

export interface InboundDeliveryView {
  id: number;
  deliveryId: string | null;
  shopOrderId: string | null;
  orderId: string | null;
  outcome: InboundOutcome;
  detail: string | null;
  receivedAt: string;
}

export interface ShopStatusOption {
  id: string;
  name: string;
}
