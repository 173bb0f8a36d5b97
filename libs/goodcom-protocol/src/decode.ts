import { ProtocolError } from './errors';
import { type DecodedLine, type DecodedOrder, type OrderType, type WireFormat } from './types';

const ORDER_TYPES: Readonly<Record<string, OrderType>> = {
  '1': 'delivery',
  '2': 'collection',
  '3': 'reservation',
};
const CLASSIC_TRAILER = [
  'cardFee',
  'total',
  'customerType',
  'customerName',
  'customerAddress',
  'requestedFor',
  'previousOrders',
  'paymentStatus',
  'paymentCard',
  'customerPhone',
] as const;
// Legacy comma format: delivery charge and card fee sit in the same `;` list (doc §2.3).
const LEGACY_TRAILER = ['deliveryCharge', ...CLASSIC_TRAILER] as const;
type TrailerField = (typeof LEGACY_TRAILER)[number];
type Trailer = Record<TrailerField, string>;
// When a trailer has too many fields (an unescaped `;`), the address is the likeliest culprit.
const FIELDS_AFTER_ADDRESS = 5;

/**
 * Parse an order string of any known variant. Never throws for something framed by `#…#`;
 * anomalies end up in `warnings` and the fields hold whatever could be read.
 */
export function decodeOrder(wire: string): DecodedOrder {
  const warnings: string[] = [];
  const body = extractFrame(String(wire), warnings);
  const segments = body.split('*');
  const [resId = '', orderTypeCode = '', orderId = ''] = segments;

  let format: WireFormat;
  let lines: DecodedLine[];
  let trailer: Trailer;
  let comments: string;
  // Legacy strings have 6 segments and a `;` list where classic ones have the bare delivery charge.
  if (segments.length === 6 && (segments[4] ?? '').includes(';')) {
    format = 'legacy-comma';
    lines = parseCommaItems(segments[3] ?? '', warnings);
    trailer = parseTrailer(segments[4] ?? '', LEGACY_TRAILER, false, warnings).fields;
    comments = segments[5] ?? '';
  } else {
    const items = parseTriplets(segments[3] ?? '', warnings);
    const parsed = parseTrailer(segments[5] ?? '', CLASSIC_TRAILER, true, warnings);
    lines = items.lines;
    trailer = { ...parsed.fields, deliveryCharge: segments[4] ?? '' };
    comments = segments.slice(6).join('*');
    format = segments.length >= 7 && items.aligned && parsed.exact ? 'classic' : 'free-text';
    if (segments.length < 7) warnings.push(`${segments.length} '*' segments, expected 7`);
    if (segments.length > 7)
      warnings.push(`${segments.length} '*' segments, expected 7; extra ones kept in comments`);
  }

  const orderType = ORDER_TYPES[orderTypeCode.trim()] ?? null;
  if (orderType === null) {
    warnings.push(
      orderTypeCode === ''
        ? 'order type is empty'
        : `undocumented order type code ${JSON.stringify(orderTypeCode)}`,
    );
  }
  if (orderId.trim() === '') warnings.push('order id is empty');

  return {
    format,
    resId,
    orderTypeCode,
    orderType,
    orderId,
    lines,
    deliveryCharge: trailer.deliveryCharge,
    cardFee: trailer.cardFee,
    total: trailer.total,
    customerType: parseCount(trailer.customerType),
    customerName: trailer.customerName,
    customerAddress: trailer.customerAddress,
    requestedFor: trailer.requestedFor,
    previousOrders: trailer.previousOrders,
    paymentStatus: parseCount(trailer.paymentStatus),
    paymentCard: trailer.paymentCard,
    customerPhone: trailer.customerPhone,
    comments,
    warnings,
  };
}

/** The text between the outer `#`; throws `not_an_order` when there is none. */
function extractFrame(text: string, warnings: string[]): string {
  const unframed = text.replace(/^\uFEFF+/, '');
  const start = unframed.indexOf('#');
  const end = unframed.lastIndexOf('#');
  if (start < 0 || end <= start) {
    throw new ProtocolError('not_an_order', 'No #…# order frame found');
  }
  // `#!*P*…` / `#!*D*…` are HttpC print/display commands (doc §2.6), not orders.
  if (unframed[start + 1] === '!') {
    throw new ProtocolError('not_an_order', 'This is an HttpC printer command, not an order');
  }
  if (unframed.slice(0, start).trim() !== '') warnings.push('text before the opening # ignored');
  if (unframed.slice(end + 1).trim() !== '') warnings.push('text after the closing # ignored');
  let body = unframed.slice(start + 1, end);
  const next = body.indexOf('##');
  if (next >= 0) {
    warnings.push('several orders in one response; only the first was decoded');
    body = body.slice(0, next);
  }
  return body;
}

function parseTriplets(segment: string, warnings: string[]): { lines: DecodedLine[]; aligned: boolean } {
  if (segment === '') return { lines: [], aligned: true };
  const fields = segment.split(';');
  let aligned = true;
  if (fields[fields.length - 1] === '') {
    fields.pop();
  } else {
    aligned = false;
    warnings.push("items segment does not end with ';'");
  }
  if (fields.length % 3 !== 0) {
    aligned = false;
    warnings.push(`items segment has ${fields.length} fields, not a multiple of 3`);
  }
  const lines: DecodedLine[] = [];
  for (let i = 0; i < fields.length; i += 3) {
    lines.push(toLine(fields[i] ?? '', fields[i + 1] ?? '', fields[i + 2] ?? ''));
  }
  return { lines, aligned };
}

function parseCommaItems(segment: string, warnings: string[]): DecodedLine[] {
  const entries = segment.split(';');
  if (entries[entries.length - 1] === '') entries.pop();
  return entries.map((entry) => {
    const parts = entry.split(',');
    if (parts.length < 3) warnings.push(`legacy item ${JSON.stringify(entry)} is not qty,name,amount`);
    const [first = '', ...rest] = parts;
    // Names may contain commas; quantity is first and amount last.
    const amount = parts.length >= 3 ? (rest.pop() ?? '') : '';
    return toLine(first, rest.join(','), amount);
  });
}

function toLine(first: string, middle: string, amount: string): DecodedLine {
  // A blank middle field marks an option or comment line (doc §2.2).
  if (middle.trim() === '')
    return { kind: 'option', quantity: null, text: first, amount, rawQuantity: first };
  return { kind: 'item', quantity: parseCount(first), text: middle, amount, rawQuantity: first };
}

function parseTrailer<F extends TrailerField>(
  segment: string,
  names: readonly F[],
  terminated: boolean,
  warnings: string[],
): { fields: Record<F, string>; exact: boolean } {
  let values = segment.split(';');
  let exact = true;
  if (values.length > 1 && values[values.length - 1] === '' && (terminated || values.length > names.length)) {
    values.pop();
  } else if (terminated) {
    exact = false;
    warnings.push("customer segment does not end with ';'");
  }
  if (values.length > names.length) {
    const head = values.slice(0, names.length - FIELDS_AFTER_ADDRESS - 1);
    const address = values.slice(head.length, values.length - FIELDS_AFTER_ADDRESS).join(';');
    values = [...head, address, ...values.slice(values.length - FIELDS_AFTER_ADDRESS)];
    exact = false;
    warnings.push("customer segment has extra ';' fields; joined into the address");
  } else if (values.length < names.length) {
    exact = false;
    warnings.push(`customer segment has ${values.length} fields, expected ${names.length}`);
  }
  const fields = {} as Record<F, string>;
  names.forEach((name, i) => {
    fields[name] = values[i] ?? '';
  });
  return { fields, exact };
}

function parseCount(value: string): number | null {
  return /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : null;
}
