// fast-check arbitraries shared by the property specs: hostile text, safe newline tokens and
// whole orders. Kept outside src/ so the library build never sees fast-check.
import fc from 'fast-check';
import { type EncodeOptions, type EncodeOrderInput } from '../src/index';

/** Characters and sequences that have broken GoodCom integrations, or could. */
const hostile = fc.constantFrom(
  '#',
  '*',
  ';',
  '\\',
  '/',
  ',',
  '%',
  '%%',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u00A0',
  '\uFE5F',
  '\uFF03',
  '\uFE54',
  '\uFF0F',
  '\\3',
  '/b',
  '\\r',
  '#!*P*',
  '€',
  'ß',
  'e\u0301',
  '\uD800',
  '\uDC00',
  ' ',
);

const unit = fc.oneof(
  hostile,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
);

/** Any text at all, biased towards separators, control characters and odd Unicode. */
export const anyText = fc.string({ unit, maxLength: 24 });

/** Newline tokens a printer could plausibly be configured with (INI NewLineText). */
export const newlineTokens = fc.constantFrom('%%', '\\r', '/r', '``', '|', '~~', '<br>', '@');

export const textPolicies = fc.constantFrom('utf8' as const, 'ascii' as const);

export const ids = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

const money = fc.integer({ min: 0, max: 10_000_000 });
const optionalText = fc.option(anyText, { nil: undefined });

export const orders: fc.Arbitrary<EncodeOrderInput> = fc.record({
  resId: ids,
  orderId: ids,
  type: fc.constantFrom('delivery' as const, 'collection' as const, 'reservation' as const),
  items: fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 999 }),
      name: anyText,
      unitPrice: fc.integer({ min: -100_000, max: 10_000_000 }),
      options: fc.option(
        fc.array(fc.record({ name: anyText, price: fc.integer({ min: -10_000, max: 100_000 }) }), {
          maxLength: 3,
        }),
        {
          nil: undefined,
        },
      ),
      note: fc.option(anyText, { nil: null }),
    }),
    { maxLength: 5 },
  ),
  deliveryCharge: fc.option(money, { nil: null }),
  fee: fc.option(money, { nil: undefined }),
  discount: fc.option(money, { nil: null }),
  total: money,
  customer: fc.option(
    fc.record({
      name: optionalText,
      address: fc.option(anyText, { nil: null }),
      phone: optionalText,
      verified: fc.option(fc.boolean(), { nil: null }),
      previousOrders: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    }),
    { nil: null },
  ),
  paid: fc.boolean(),
  paymentLabel: optionalText,
  requestedAt: fc.option(
    fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    { nil: null },
  ),
  comments: optionalText,
});

export const encodeOptions: fc.Arbitrary<EncodeOptions> = fc.record({
  newline: newlineTokens,
  textPolicy: textPolicies,
  currencyPrefix: fc.option(anyText, { nil: undefined }),
  timeZone: fc.constantFrom(
    'UTC',
    'Europe/Rome',
    'America/New_York',
    'Asia/Kolkata',
    '+02:00',
    '-05:30',
    'Z',
  ),
  minorDigits: fc.constantFrom(0, 2, 3),
  maxLength: fc.constant(1_000_000),
});

/** C0, DEL or C1 anywhere in the text (TAB and LF included). */
export function hasControlChar(text: string): boolean {
  return Array.from(text).some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}

/** Control characters other than the LF that joins receipt lines. */
export function hasControlCharBesidesLf(text: string): boolean {
  return hasControlChar(text.replace(/\n/g, ''));
}
