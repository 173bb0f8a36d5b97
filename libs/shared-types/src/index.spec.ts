import {
  API_ERROR_CODES,
  INTAKE_RULES,
  LOCALE_CODES,
  SHOP_PLATFORMS,
  WEBHOOK_EVENTS,
  ORDER_STATUSES,
  TEXT_POLICIES,
  type ApiErrorCode,
  type IntakeRule,
  type LocaleCode,
  type OrderStatus,
  type ShopPlatform,
  type WebhookEvent,
  type TextPolicy,
} from './index';

// Each record must name every member of its union (the compiler checks that), so the runtime lists
// below can be compared against a complete set.
const errorCodes: Record<ApiErrorCode, true> = {
  validation_failed: true,
  malformed_json: true,
  payload_too_large: true,
  unsupported_media_type: true,
  unauthenticated: true,
  forbidden: true,
  rate_limited: true,
  not_found: true,
  email_taken: true,
  invalid_credentials: true,
  tenant_required: true,
  no_printer: true,
  printer_has_orders: true,
  order_not_actionable: true,
  order_already_answered: true,
  invalid_signature: true,
  shop_unavailable: true,
  unavailable: true,
  internal: true,
};
const statuses: Record<OrderStatus, true> = {
  queued: true,
  printing: true,
  completed: true,
  cancelled: true,
  skipped: true,
};
const locales: Record<LocaleCode, true> = { en: true, it: true, es: true };
const rules: Record<IntakeRule, true> = { 'manual-confirmation': true, all: true };
const policies: Record<TextPolicy, true> = { utf8: true, ascii: true };
const webhookEvents: Record<WebhookEvent, true> = {
  'order.queued': true,
  'order.printing': true,
  'order.completed': true,
  'order.cancelled': true,
  'order.needs_attention': true,
  'order.skipped': true,
};
const platforms: Record<ShopPlatform, true> = { woocommerce: true, framework360: true };

describe.each([
  ['API_ERROR_CODES', API_ERROR_CODES, errorCodes],
  ['ORDER_STATUSES', ORDER_STATUSES, statuses],
  ['LOCALE_CODES', LOCALE_CODES, locales],
  ['INTAKE_RULES', INTAKE_RULES, rules],
  ['TEXT_POLICIES', TEXT_POLICIES, policies],
  ['WEBHOOK_EVENTS', WEBHOOK_EVENTS, webhookEvents],
  ['SHOP_PLATFORMS', SHOP_PLATFORMS, platforms],
] as const)('%s', (_name, list: readonly string[], complete: Record<string, true>) => {
  it('lists every member of its union exactly once', () => {
    expect(new Set(list).size).toBe(list.length);
    expect([...list].sort()).toEqual(Object.keys(complete).sort());
  });
});
