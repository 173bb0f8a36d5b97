import { DomainError } from '../../../common/domain-error';
import { formatMinor, minorDigits } from '../../../common/money';
import type { ShopInbound, ShopOrderInput } from '../shop-adapter';
import { decodeHtmlEntities, plainText } from './html-entities';

/**
 * WooCommerce REST v3 order (the `order.created` webhook body is the same JSON as
 * `GET /wp-json/wc/v3/orders/<id>`). Only the fields we read; everything is optional because
 * plugins and versions differ, and the mapping checks what it needs.
 */
export interface WcMeta {
  id?: number;
  key?: string;
  value?: unknown;
  display_key?: unknown;
  display_value?: unknown;
}

export interface WcAddress {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  state?: string;
  postcode?: string;
  country?: string;
  email?: string;
  phone?: string;
}

export interface WcLineItem {
  id?: number;
  name?: string;
  product_id?: number;
  variation_id?: number;
  quantity?: number;
  subtotal?: string;
  subtotal_tax?: string;
  total?: string;
  total_tax?: string;
  meta_data?: WcMeta[];
}

export interface WcOrder {
  id?: number | string;
  status?: string;
  currency?: string;
  prices_include_tax?: boolean;
  discount_total?: string;
  discount_tax?: string;
  shipping_total?: string;
  shipping_tax?: string;
  total?: string;
  customer_note?: string;
  billing?: WcAddress;
  shipping?: WcAddress;
  payment_method?: string;
  date_paid?: string | null;
  date_paid_gmt?: string | null;
  line_items?: WcLineItem[];
  shipping_lines?: { method_id?: string; total?: string; total_tax?: string }[];
  fee_lines?: { name?: string; total?: string; total_tax?: string }[];
}

/** The shipping method ids WooCommerce itself uses for pickup (platforms.md §2.5). */
export const DEFAULT_PICKUP_METHODS: readonly string[] = [
  'local_pickup',
  'legacy_local_pickup',
  'pickup_location',
];

/** Statuses of orders that do not exist yet for the customer: the block checkout's draft and WP drafts. */
const DRAFT_STATUSES = new Set(['checkout-draft', 'draft', 'auto-draft']);

/** Orders that are already dead when the (asynchronous) delivery is built: printing them would cook for nobody. */
const DEAD_STATUSES = new Set(['failed', 'cancelled', 'refunded', 'trash']);

/**
 * Gateways whose money is collected at the door. WooCommerce sets `date_paid` on any order that
 * reaches `processing`, cash on delivery included (WC_Order::maybe_set_date_paid), so for these
 * a date_paid does not mean the rider can skip collecting.
 */
const PAY_ON_DELIVERY_METHODS = new Set(['cod']);

const NAME_MAX = 200;
const PHONE_MAX = 50;
const ADDRESS_MAX = 500;
const NOTES_MAX = 1000;
const PAYMENT_MAX = 64;
const OPTIONS_MAX = 50;

function invalid(field: string, problem: string): DomainError {
  const message = `WooCommerce order ${field} ${problem}`;
  return new DomainError('validation_failed', message, [{ field, problems: [message] }]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

const DECIMAL = /^(-)?(\d{1,12})(?:\.(\d+))?$/;

/**
 * A WooCommerce amount (decimal string such as "12.50" or "-2.00") in the currency's minor units.
 * Done on the digits, never with floats; more decimals than the currency has are rounded half
 * away from zero (tax amounts can carry more precision than prices).
 */
export function parseAmount(value: unknown, digits: number): number | null {
  const match = DECIMAL.exec(text(value).trim());
  if (!match) return null;
  const [, minus, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const roundUp = (fraction[digits] ?? '0') >= '5' ? 1 : 0;
  const magnitude = Number(whole) * 10 ** digits + Number(kept || '0') + roundUp;
  return minus && magnitude !== 0 ? -magnitude : magnitude;
}

class Amounts {
  constructor(private readonly digits: number) {}

  /** An amount that may be missing (then 0) but must be a number when present. */
  optional(value: unknown, field: string): number {
    if (value === undefined || value === null || value === '') return 0;
    const minor = parseAmount(value, this.digits);
    if (minor === null)
      throw invalid(field, `must be a decimal amount such as "12.50", got ${JSON.stringify(value)}`);
    return minor;
  }

  required(value: unknown, field: string): number {
    if (value === undefined || value === null || value === '') throw invalid(field, 'is missing');
    return this.optional(value, field);
  }
}

/** The WooCommerce order id as our shopOrderId, or null when the payload has none. */
export function wooOrderId(payload: unknown): string | null {
  if (!isObject(payload)) return null;
  const id = payload['id'];
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^\d{1,19}$/.test(id) && !/^0+$/.test(id)) return id;
  return null;
}

/** Parses the webhook body; anything but a JSON object with an id is a clear 400. */
export function parseOrderPayload(rawBody: Buffer): { order: WcOrder; shopOrderId: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('validation_failed', 'The WooCommerce webhook body is not valid JSON', [
      { field: 'body', problems: ['The WooCommerce webhook body is not valid JSON'] },
    ]);
  }
  if (!isObject(payload)) throw invalid('body', 'must be a JSON object (the REST v3 order)');
  // The legacy API versions wrap the order as {"order": {...}} with other field names.
  if (isObject(payload['order']) && payload['id'] === undefined) {
    throw invalid(
      'body',
      'is in a legacy API format: set the webhook’s API version to "WP REST API Integration v3"',
    );
  }
  const shopOrderId = wooOrderId(payload);
  if (shopOrderId === null) throw invalid('id', 'is missing or not a positive whole number');
  return { order: payload, shopOrderId };
}

/** Whether the order must not be imported, and why; null when it should be. */
export function skipReason(order: WcOrder): string | null {
  const status = text(order.status);
  if (DRAFT_STATUSES.has(status)) {
    return `status ${status}: a checkout that is not finished yet (WooCommerce sends the placed order separately)`;
  }
  if (DEAD_STATUSES.has(status)) return `status ${status}: the order is no longer live in the shop`;
  return null;
}

function methodMatches(methodId: string, pickupMethods: ReadonlySet<string>): boolean {
  // REST v3 sends `local_pickup` + instance_id; very old payloads sent `local_pickup:3`.
  return pickupMethods.has(methodId) || pickupMethods.has(methodId.split(':')[0] ?? '');
}

function isPickup(order: WcOrder, pickupMethods: readonly string[]): boolean {
  const methods = new Set(pickupMethods);
  const lines = Array.isArray(order.shipping_lines) ? order.shipping_lines : [];
  return lines.some((line) => isObject(line) && methodMatches(text(line.method_id), methods));
}

/**
 * WooCommerce repeats a variation's attribute values in the item name when there are few of
 * them ("Pizza – Grande"); like WooCommerce's own order screen (wc_is_attribute_in_product_name),
 * such a value is not printed a second time as an option.
 */
function valueInName(value: string, name: string): boolean {
  const lowerName = name.toLowerCase();
  const lowerValue = value.toLowerCase();
  return lowerName.endsWith(` ${lowerValue}`) || lowerName.includes(` ${lowerValue},`);
}

function itemOptions(item: WcLineItem, name: string): { name: string; price: string }[] {
  const meta = Array.isArray(item.meta_data) ? item.meta_data : [];
  const options: { name: string; price: string }[] = [];
  for (const entry of meta) {
    if (!isObject(entry)) continue;
    // Keys starting with `_` are WooCommerce's hidden bookkeeping (`_reduced_stock`, add-on ids).
    if (text(entry.key).startsWith('_') || text(entry.display_key).startsWith('_')) continue;
    const key = plainText(text(entry.display_key) || text(entry.key));
    const value = plainText(text(entry.display_value));
    if (key === '' || value === '' || valueInName(value, name)) continue;
    // The add-on's price is already inside the line total, so the option itself costs 0 here.
    options.push({ name: clip(`${key}: ${value}`, NAME_MAX), price: '0' });
  }
  return options.slice(0, OPTIONS_MAX);
}

type OrderItem = ShopOrderInput['items'][number];

/**
 * One line item as one (rarely two) of our items. The unit price is the line's gross subtotal
 * (before coupons, tax included) divided by the quantity; coupons become the order discount.
 * When that does not divide into whole cents (3 for 10.00), the line is split into two
 * quantities one cent apart so the printed items still add up to exactly the line's amount.
 */
function mapLineItem(item: WcLineItem, index: number, amounts: Amounts, currency: string): OrderItem[] {
  const field = `line_items[${index}]`;
  if (!isObject(item)) throw invalid(field, 'must be an object');
  const quantity = item.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
    throw invalid(
      `${field}.quantity`,
      `must be a whole number of at least 1, got ${JSON.stringify(quantity)}`,
    );
  }
  const name =
    clip(plainText(text(item.name)), NAME_MAX) ||
    `Product #${text(item.variation_id) || text(item.product_id)}`;
  const hasSubtotal = item.subtotal !== undefined && item.subtotal !== null && item.subtotal !== '';
  const gross = hasSubtotal
    ? amounts.required(item.subtotal, `${field}.subtotal`) +
      amounts.optional(item.subtotal_tax, `${field}.subtotal_tax`)
    : amounts.required(item.total, `${field}.total`) + amounts.optional(item.total_tax, `${field}.total_tax`);
  if (gross < 0) throw invalid(`${field}.subtotal`, 'must not be negative');
  const options = itemOptions(item, name);
  const base = Math.floor(gross / quantity);
  const remainder = gross - base * quantity;
  const line = (count: number, unit: number): OrderItem => ({
    name,
    quantity: count,
    unitPrice: formatMinor(unit, currency),
    ...(options.length > 0 ? { options } : {}),
  });
  if (remainder === 0) return [line(quantity, base)];
  return [line(quantity - remainder, base), line(remainder, base + 1)];
}

function fullName(address: WcAddress | undefined): string {
  if (!isObject(address)) return '';
  return plainText(`${text(address.first_name)} ${text(address.last_name)}`);
}

function formatAddress(address: WcAddress | undefined): string {
  if (!isObject(address) || plainText(text(address.address_1)) === '') return '';
  const town = [address.postcode, address.city, address.state].map((part) => plainText(text(part)));
  return [text(address.address_1), text(address.address_2), town.filter((part) => part !== '').join(' ')]
    .map((part) => plainText(part))
    .filter((part) => part !== '')
    .join(', ');
}

function mapCustomer(order: WcOrder, pickup: boolean): ShopOrderInput['customer'] | undefined {
  const name = fullName(order.shipping) || fullName(order.billing);
  const phone = plainText(text(order.shipping?.phone)) || plainText(text(order.billing?.phone));
  // For pickup, `shipping` can hold the shop's own pickup location (block checkout): not worth printing.
  const address = pickup ? '' : formatAddress(order.shipping) || formatAddress(order.billing);
  const customer = {
    ...(name ? { name: clip(name, NAME_MAX) } : {}),
    ...(phone ? { phone: clip(phone, PHONE_MAX) } : {}),
    ...(address ? { address: clip(address, ADDRESS_MAX) } : {}),
  };
  return Object.keys(customer).length > 0 ? customer : undefined;
}

function isPaid(order: WcOrder, paymentMethod: string): boolean {
  const datePaid = text(order.date_paid) || text(order.date_paid_gmt);
  return datePaid !== '' && !PAY_ON_DELIVERY_METHODS.has(paymentMethod);
}

/** Fees: positive ones are charges; negative ones (a "discount" fee some plugins add) join the discount. */
function feeTotals(order: WcOrder, amounts: Amounts): { fee: number; credit: number } {
  const lines = Array.isArray(order.fee_lines) ? order.fee_lines : [];
  let fee = 0;
  let credit = 0;
  lines.forEach((line, index) => {
    if (!isObject(line)) throw invalid(`fee_lines[${index}]`, 'must be an object');
    const gross =
      amounts.optional(line.total, `fee_lines[${index}].total`) +
      amounts.optional(line.total_tax, `fee_lines[${index}].total_tax`);
    if (gross >= 0) fee += gross;
    else credit -= gross;
  });
  return { fee, credit };
}

function deliveryFeeOf(order: WcOrder, amounts: Amounts): number {
  if (order.shipping_total !== undefined) {
    return (
      amounts.optional(order.shipping_total, 'shipping_total') +
      amounts.optional(order.shipping_tax, 'shipping_tax')
    );
  }
  const lines = Array.isArray(order.shipping_lines) ? order.shipping_lines : [];
  return lines.reduce((sum, line, index) => {
    if (!isObject(line)) throw invalid(`shipping_lines[${index}]`, 'must be an object');
    return (
      sum +
      amounts.optional(line.total, `shipping_lines[${index}].total`) +
      amounts.optional(line.total_tax, `shipping_lines[${index}].total_tax`)
    );
  }, 0);
}

export interface MappingOptions {
  /** Shipping method ids that mean the customer collects the order. */
  pickupMethods: readonly string[];
}

/**
 * A WooCommerce order as our intake body. Every amount is gross (tax included), whatever the
 * shop's `prices_include_tax`: items at their pre-coupon subtotal, shipping and fees with their
 * tax, coupons (with their tax) as the discount. Then items + fees + delivery − discount is the
 * order total WooCommerce computed, and the ticket shows what the customer saw at checkout.
 */
export function mapOrder(order: WcOrder, options: MappingOptions): ShopOrderInput {
  const currency = /^[A-Za-z]{3}$/.test(text(order.currency)) ? text(order.currency).toUpperCase() : 'EUR';
  const amounts = new Amounts(minorDigits(currency));
  if (!Array.isArray(order.line_items)) throw invalid('line_items', 'must be a list of the ordered products');
  const items = order.line_items.flatMap((item, index) => mapLineItem(item, index, amounts, currency));
  const pickup = isPickup(order, options.pickupMethods);
  const paymentMethod = clip(text(order.payment_method).trim(), PAYMENT_MAX);
  const { fee, credit } = feeTotals(order, amounts);
  const deliveryFee = deliveryFeeOf(order, amounts);
  const discount =
    amounts.optional(order.discount_total, 'discount_total') +
    amounts.optional(order.discount_tax, 'discount_tax') +
    credit;
  const total = amounts.required(order.total, 'total');
  const notes = decodeHtmlEntities(text(order.customer_note)).replace(/\r\n?/g, '\n').trim();
  const customer = mapCustomer(order, pickup);
  const money = (minor: number) => formatMinor(minor, currency);
  return {
    type: pickup ? 'pickup' : 'delivery',
    items,
    ...(deliveryFee !== 0 ? { deliveryFee: money(deliveryFee) } : {}),
    ...(fee !== 0 ? { fee: money(fee) } : {}),
    ...(discount !== 0 ? { discount: money(discount) } : {}),
    total: money(total),
    currency,
    ...(paymentMethod ? { paymentMethod } : {}),
    paid: isPaid(order, paymentMethod),
    ...(customer ? { customer } : {}),
    ...(notes ? { notes: clip(notes, NOTES_MAX) } : {}),
  };
}

/** The whole inbound decision for one verified `order.created` body. */
export function readOrder(rawBody: Buffer, options: MappingOptions): ShopInbound {
  const { order, shopOrderId } = parseOrderPayload(rawBody);
  const reason = skipReason(order);
  if (reason !== null) return { kind: 'ignored', shopOrderId, reason };
  return { kind: 'order', shopOrderId, order: mapOrder(order, options) };
}
