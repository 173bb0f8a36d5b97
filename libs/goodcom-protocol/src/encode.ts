import { OrderTooLongError, ProtocolError } from './errors';
import { formatAmount } from './money';
import { DEFAULT_NEWLINE, sanitizeText } from './sanitize';
import { formatRequestedFor, resolveZone } from './time';
import { type EncodeItem, type EncodeOptions, type EncodeOrderInput, type OrderType } from './types';
import { utf8Length } from './utf8';

// index.ts exports these from here; they live in their own modules to keep this one about layout.
export { formatAmount, formatRequestedFor };

const TYPE_CODES: Readonly<Record<OrderType, string>> = { delivery: '1', collection: '2', reservation: '3' };
const VERIFIED = '4';
const NOT_VERIFIED = '5';
const PAID = '6';
const NOT_PAID = '7';
// Ids are echoed back in the callback URL by firmware that does not percent-encode (doc §3), so
// they are validated rather than sanitised: a changed id would never match its callback.
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const DEFAULT_MAX_LENGTH = 16384;
// An item line needs a non-blank middle field, otherwise it reads as an option line (doc §2.2).
const BLANK_NAME = '?';
const NOTE_LABEL = 'Note: ';
const DISCOUNT_LABEL = 'Discount';

/** Build the classic GT5000/GT6000 order string (doc §2.1), without a trailing CRLF. */
export function encodeOrder(input: EncodeOrderInput, options: EncodeOptions = {}): string {
  const textOptions = {
    textPolicy: options.textPolicy ?? 'utf8',
    newline: options.newline ?? DEFAULT_NEWLINE,
  };
  const text = (value: string | null | undefined): string => sanitizeText(value ?? '', textOptions);
  const timeZone = options.timeZone ?? 'UTC';
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw new ProtocolError(
      'invalid_option',
      `maxLength must be a positive integer, got ${String(maxLength)}`,
    );
  }
  const amountOptions = {
    minorDigits: options.minorDigits ?? 2,
    currencyPrefix: text(options.currencyPrefix),
  };
  const money = (minor: number): string => formatAmount(minor, amountOptions);
  // Surface a misconfigured zone on every order, not only on scheduled ones.
  resolveZone(timeZone);

  const resId = checkId(input.resId, 'invalid_res_id', 'resId');
  const orderId = checkId(input.orderId, 'invalid_order_id', 'orderId');
  const typeCode = TYPE_CODES[input.type] as string | undefined;
  if (typeCode === undefined) {
    throw new ProtocolError('invalid_option', `Unknown order type ${JSON.stringify(input.type)}`);
  }

  const lines = input.items.flatMap((item, i) => itemLines(item, i, text, money));
  const discount = nonNegative(input.discount ?? 0, 'discount');
  if (discount > 0) lines.push(line(DISCOUNT_LABEL, '', money(-discount)));

  const customer = input.customer ?? {};
  const trailer = [
    money(nonNegative(input.fee ?? 0, 'fee')),
    money(nonNegative(input.total, 'total')),
    customer.verified === true ? VERIFIED : NOT_VERIFIED,
    text(customer.name),
    text(customer.address),
    input.requestedAt ? formatRequestedFor(input.requestedAt, timeZone) : '',
    previousOrders(customer.previousOrders),
    input.paid ? PAID : NOT_PAID,
    text(input.paymentLabel),
    text(customer.phone),
  ];
  const segments = [
    resId,
    typeCode,
    orderId,
    lines.join(''),
    money(nonNegative(input.deliveryCharge ?? 0, 'deliveryCharge')),
    trailer.map((field) => `${field};`).join(''),
    text(input.comments),
  ];
  const wire = `#${segments.join('*')}#`;
  const length = utf8Length(wire);
  if (length > maxLength) throw new OrderTooLongError(length, maxLength);
  return wire;
}

/** The item triplet, then one option-style line per option and for the note (doc §2.2). */
function itemLines(
  item: EncodeItem,
  index: number,
  text: (value: string | null | undefined) => string,
  money: (minor: number) => string,
): string[] {
  const quantity = item.quantity;
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new ProtocolError(
      'invalid_quantity',
      `items[${index}].quantity must be an integer >= 1, got ${String(quantity)}`,
    );
  }
  const name = text(item.name);
  const note = text(item.note);
  return [
    line(
      String(quantity),
      name.trim() === '' ? BLANK_NAME : name,
      money(lineTotal(quantity, item.unitPrice, `items[${index}].unitPrice`)),
    ),
    ...(item.options ?? []).map((option, j) =>
      line(
        text(option.name),
        '',
        money(lineTotal(quantity, option.price, `items[${index}].options[${j}].price`)),
      ),
    ),
    ...(note.trim() === '' ? [] : [line(NOTE_LABEL + note, '', '')]),
  ];
}

function line(first: string, middle: string, amount: string): string {
  return `${first};${middle};${amount};`;
}

function checkId(value: unknown, code: 'invalid_res_id' | 'invalid_order_id', field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new ProtocolError(
      code,
      `${field} must be non-empty and contain only letters, digits, '_' and '-', got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function lineTotal(quantity: number, price: number, field: string): number {
  if (!Number.isSafeInteger(price)) {
    throw new ProtocolError(
      'invalid_amount',
      `${field} must be an integer number of minor units, got ${String(price)}`,
    );
  }
  const total = quantity * price;
  if (!Number.isSafeInteger(total)) {
    throw new ProtocolError('invalid_amount', `${field} × quantity is too large`);
  }
  return total;
}

function nonNegative(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProtocolError(
      'invalid_amount',
      `${field} must be a non-negative integer number of minor units, got ${String(value)}`,
    );
  }
  return value;
}

function previousOrders(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProtocolError(
      'invalid_count',
      `customer.previousOrders must be a non-negative integer, got ${String(value)}`,
    );
  }
  return String(value);
}
