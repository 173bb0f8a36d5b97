import { CONTROL_CHARS, LINE_BREAK, LONE_SURROGATE } from './chars';
import { DEFAULT_NEWLINE } from './sanitize';
import { type DecodedLine, type DecodedOrder, type OrderType, type ReceiptOptions } from './types';

const DEFAULT_WIDTH = 32;
const TYPE_LABELS: Readonly<Record<OrderType, string>> = {
  delivery: 'DELIVERY',
  collection: 'COLLECTION',
  reservation: 'RESERVATION',
};
const CUSTOMER_TYPES: Readonly<Record<number, string>> = { 4: 'verified', 5: 'not verified' };
const PAYMENT_STATUSES: Readonly<Record<number, string>> = { 6: 'PAID', 7: 'NOT PAID' };
const ITEM_INDENT = 3;
const OPTION_INDENT = 2;

/**
 * The ticket a GoodCom printer would print for an order, as plain text lines of at most `width`
 * code points joined with `\n`. For previews and the emulator; never throws.
 */
export function renderReceipt(order: DecodedOrder, options: ReceiptOptions = {}): string {
  const width = normaliseWidth(options.width);
  const token = typeof options.newline === 'string' ? options.newline : DEFAULT_NEWLINE;
  const paragraphs = (value: unknown): string[] => toParagraphs(text(value), token);
  const block = (value: unknown, indent = 0): string[] =>
    paragraphs(value).flatMap((p) => wrap(p, width, indent));
  const divider = '-'.repeat(width);

  const orderType = TYPE_LABELS[order.orderType as OrderType] as string | undefined;
  const code = text(order.orderTypeCode).trim();
  const header = [
    ...block(orderType ?? (code === '' ? 'ORDER' : `ORDER (type ${code})`)),
    ...block(`Order: ${text(order.orderId)}`),
  ];

  const lines = (Array.isArray(order.lines) ? order.lines : []).flatMap((line) =>
    renderLine(line, width, token),
  );

  const totals = [
    ...money('Delivery', order.deliveryCharge, width),
    ...money('Card fee', order.cardFee, width),
    ...money('TOTAL', order.total, width),
  ];

  const customerType = CUSTOMER_TYPES[order.customerType ?? -1];
  const name = text(order.customerName);
  const payment = [PAYMENT_STATUSES[order.paymentStatus ?? -1], text(order.paymentCard).trim()]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' - ');
  const customer = [
    ...(name.trim() !== '' || customerType
      ? block(`Customer: ${name}${customerType ? ` (${customerType})` : ''}`)
      : []),
    ...labelled('', order.customerAddress, block),
    ...labelled('Tel: ', order.customerPhone, block),
    ...labelled('Requested: ', order.requestedFor, block),
    ...labelled('Previous orders: ', order.previousOrders, block),
    ...(payment === '' ? [] : block(payment)),
  ];

  const comments =
    text(order.comments).trim() === '' ? [] : [...block('Comments:'), ...block(order.comments)];

  return [header, lines, totals, customer, comments]
    .filter((section) => section.length > 0)
    .flatMap((section, i) => (i === 0 ? section : [divider, ...section]))
    .map((line) => line.trimEnd())
    .join('\n');
}

function renderLine(line: DecodedLine, width: number, token: string): string[] {
  const amount = oneLine(text(line?.amount), token);
  if (line?.kind === 'option') {
    const [first = '', ...more] = toParagraphs(text(line.text), token);
    return [
      ...row(' '.repeat(OPTION_INDENT) + first, amount, width, OPTION_INDENT + 2),
      ...more.flatMap((p) => wrap(' '.repeat(OPTION_INDENT + 2) + p, width, OPTION_INDENT + 2)),
    ];
  }
  const quantity = typeof line?.quantity === 'number' ? `${line.quantity}x` : text(line?.rawQuantity).trim();
  const left = [quantity, text(line?.text)].filter((part) => part !== '').join(' ');
  const [first = '', ...more] = toParagraphs(left, token);
  return [
    ...row(first, amount, width, ITEM_INDENT),
    ...more.flatMap((p) => wrap(' '.repeat(ITEM_INDENT) + p, width, ITEM_INDENT)),
  ];
}

function money(label: string, value: unknown, width: number): string[] {
  const amount = text(value).trim();
  return amount === '' ? [] : row(label, oneLine(amount, ''), width, 0);
}

function labelled(label: string, value: unknown, block: (value: unknown) => string[]): string[] {
  return text(value).trim() === '' ? [] : block(label + text(value));
}

/** `left` wrapped, `right` right-aligned on the first line (or on its own when there is no room). */
function row(left: string, right: string, width: number, indent: number): string[] {
  const rightWidth = length(right);
  if (rightWidth === 0) return wrap(left, width, indent);
  const room = width - rightWidth - 1;
  if (room < Math.min(8, width / 2)) {
    return [...wrap(left, width, indent), ...wrap(right, width, 0).map((r) => r.padStart(width))].filter(
      (line) => line.trim() !== '',
    );
  }
  const [first = '', ...rest] = wrap(left, width, indent, room);
  return [first + ' '.repeat(width - length(first) - rightWidth) + right, ...rest];
}

/**
 * Greedy word wrap by code points; words longer than a line are cut. The first line may be
 * narrower (room left by a right-aligned amount); later lines are indented by `indent`.
 */
function wrap(textLine: string, width: number, indent: number, firstWidth = width): string[] {
  const pad = indent < width ? indent : 0;
  const out: string[] = [];
  let rest = Array.from(textLine);
  let limit = firstWidth;
  let prefix = '';
  while (rest.length > limit) {
    // Break at the last space that follows some text, never inside leading indentation.
    const space = rest.lastIndexOf(' ', limit);
    const breakable = space > rest.findIndex((c) => c !== ' ');
    const cut = breakable ? space : limit;
    out.push(prefix + rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(breakable ? cut + 1 : cut);
    prefix = ' '.repeat(pad);
    limit = width - pad;
  }
  out.push(prefix + rest.join(''));
  return out;
}

/** Logical lines of a field: the printer's newline token and any raw line break split it. */
function toParagraphs(value: string, token: string): string[] {
  const parts = token === '' ? [value] : value.split(token);
  return parts.flatMap((part) => part.split(LINE_BREAK)).map(printable);
}

function oneLine(value: string, token: string): string {
  return toParagraphs(value, token).join(' ').trim();
}

// Fields may hold anything a shop sent; ESC and friends must not reach a terminal or printer.
function printable(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(/\t/g, ' ').replace(CONTROL_CHARS, '');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function length(value: string): number {
  return Array.from(value).length;
}

function normaliseWidth(width: unknown): number {
  return typeof width === 'number' && Number.isFinite(width) ? Math.max(1, Math.floor(width)) : DEFAULT_WIDTH;
}
