import fc from 'fast-check';
import {
  ProtocolError,
  decodeOrder,
  encodeOrder,
  formatAmount,
  formatRequestedFor,
  sanitizeText,
  type DecodedLine,
  type DecodedOrder,
  type EncodeOptions,
  type EncodeOrderInput,
} from './index';
import { anyText, encodeOptions, hasControlChar, orders } from '../test/arbitraries';

const RUNS = { numRuns: 1000 };
const TYPE_CODES = { delivery: '1', collection: '2', reservation: '3' } as const;

/** The decoded order the README promises for an input: user text equals sanitizeText(text). */
function expectedDecoding(input: EncodeOrderInput, options: EncodeOptions): Omit<DecodedOrder, 'warnings'> {
  const textOptions = { textPolicy: options.textPolicy, newline: options.newline };
  const text = (value: string | null | undefined): string => sanitizeText(value ?? '', textOptions);
  const amountOptions = { minorDigits: options.minorDigits, currencyPrefix: text(options.currencyPrefix) };
  const money = (minor: number): string => formatAmount(minor, amountOptions);
  const option = (first: string, amount: string): DecodedLine => ({
    kind: 'option',
    quantity: null,
    text: first,
    amount,
    rawQuantity: first,
  });

  const lines = input.items.flatMap((item): DecodedLine[] => {
    const name = text(item.name);
    const note = text(item.note);
    return [
      {
        kind: 'item',
        quantity: item.quantity,
        text: name.trim() === '' ? '?' : name,
        amount: money(item.quantity * item.unitPrice),
        rawQuantity: String(item.quantity),
      },
      ...(item.options ?? []).map((o) => option(text(o.name), money(item.quantity * o.price))),
      ...(note.trim() === '' ? [] : [option(`Note: ${note}`, '')]),
    ];
  });
  if ((input.discount ?? 0) > 0) lines.push(option('Discount', money(-(input.discount ?? 0))));

  const customer = input.customer ?? {};
  return {
    format: 'classic',
    resId: input.resId,
    orderTypeCode: TYPE_CODES[input.type],
    orderType: input.type,
    orderId: input.orderId,
    lines,
    deliveryCharge: money(input.deliveryCharge ?? 0),
    cardFee: money(input.fee ?? 0),
    total: money(input.total),
    customerType: customer.verified === true ? 4 : 5,
    customerName: text(customer.name),
    customerAddress: text(customer.address),
    requestedFor: input.requestedAt ? formatRequestedFor(input.requestedAt, options.timeZone) : '',
    previousOrders: customer.previousOrders == null ? '' : String(customer.previousOrders),
    paymentStatus: input.paid ? 6 : 7,
    paymentCard: text(input.paymentLabel),
    customerPhone: text(customer.phone),
    comments: text(input.comments),
  };
}

function expectedLineCount(input: EncodeOrderInput, options: EncodeOptions): number {
  const notes = input.items.filter((i) => sanitizeText(i.note ?? '', options).trim() !== '').length;
  const optionLines = input.items.reduce((n, i) => n + (i.options?.length ?? 0), 0);
  return input.items.length + optionLines + notes + ((input.discount ?? 0) > 0 ? 1 : 0);
}

describe('encodeOrder properties', () => {
  it('(1) one frame, exactly 7 segments, no stray #', () => {
    fc.assert(
      fc.property(orders, encodeOptions, (input, options) => {
        const wire = encodeOrder(input, options);
        expect(wire.startsWith('#')).toBe(true);
        expect(wire.endsWith('#')).toBe(true);
        const inner = wire.slice(1, -1);
        expect(inner).not.toContain('#');
        expect(inner.split('*')).toHaveLength(7);
      }),
      RUNS,
    );
  });

  it('(2) exactly the expected number of item triplets', () => {
    fc.assert(
      fc.property(orders, encodeOptions, (input, options) => {
        const items = encodeOrder(input, options).slice(1, -1).split('*')[3] ?? '';
        const fields = items === '' ? [] : items.split(';');
        if (fields.length > 0) expect(fields.pop()).toBe('');
        expect(fields).toHaveLength(3 * expectedLineCount(input, options));
      }),
      RUNS,
    );
  });

  it('(3) exactly 10 ;-terminated fields in segment 5', () => {
    fc.assert(
      fc.property(orders, encodeOptions, (input, options) => {
        const trailer = encodeOrder(input, options).slice(1, -1).split('*')[5] ?? '';
        expect(trailer.endsWith(';')).toBe(true);
        expect(trailer.split(';')).toHaveLength(11);
      }),
      RUNS,
    );
  });

  it('(4) no raw CR/LF, control characters or lone surrogates; 7-bit in ascii mode', () => {
    fc.assert(
      fc.property(orders, encodeOptions, (input, options) => {
        const wire = encodeOrder(input, options);
        expect(hasControlChar(wire)).toBe(false);
        expect(wire).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        if (options.textPolicy === 'ascii') expect(wire).toMatch(/^[\x20-\x7e]+$/);
      }),
      RUNS,
    );
  });

  it('(5) decodes back to the same order modulo the documented substitutions', () => {
    fc.assert(
      fc.property(orders, encodeOptions, (input, options) => {
        const decoded = decodeOrder(encodeOrder(input, options));
        expect(decoded.warnings).toEqual([]);
        const { warnings: _warnings, ...rest } = decoded;
        expect(rest).toEqual(expectedDecoding(input, options));
      }),
      RUNS,
    );
  });

  it('refuses any id outside [A-Za-z0-9_-] rather than emitting it', () => {
    const badId = anyText.filter((id) => !/^[A-Za-z0-9_-]+$/.test(id));
    fc.assert(
      fc.property(orders, badId, fc.boolean(), (input, id, asOrderId) => {
        const patched = asOrderId ? { ...input, orderId: id } : { ...input, resId: id };
        expect(() => encodeOrder(patched)).toThrow(ProtocolError);
      }),
      RUNS,
    );
  });
});
