import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  OrderTooLongError,
  ProtocolError,
  decodeOrder,
  encodeOrder,
  formatAmount,
  formatRequestedFor,
  renderReceipt,
  type EncodeOptions,
  type EncodeOrderInput,
} from './index';

const GOLDEN = path.join(__dirname, '__golden__');

// Golden files hold the exact wire string; a trailing newline an editor may add is not part of it.
function golden(name: string): string {
  return fs.readFileSync(path.join(GOLDEN, name), 'utf8').replace(/\n$/, '');
}

const pizzaDelivery: EncodeOrderInput = {
  resId: 'PIZZ01',
  orderId: 'A1B2C3',
  type: 'delivery',
  items: [
    {
      quantity: 2,
      name: 'Pizza Margherita',
      unitPrice: 650,
      options: [
        { name: 'Mozzarella di bufala', price: 200 },
        { name: 'Senza basilico', price: 0 },
      ],
    },
    { quantity: 1, name: 'Calzone "Forno"', unitPrice: 800, note: 'Ben cotto, per favore — grazie!' },
    { quantity: 1, name: 'Tiramisù', unitPrice: 450 },
  ],
  deliveryCharge: 250,
  fee: 50,
  discount: 200,
  total: 3050,
  customer: {
    name: 'Niccolò Rossi',
    address: "Via dell'Università 12/B; scala C\nCitofono: Rossi #3",
    phone: '+39 333 123 4567',
    verified: true,
    previousOrders: 7,
  },
  paid: false,
  paymentLabel: 'Contanti alla consegna',
  requestedAt: new Date('2024-05-17T17:45:00Z'),
  comments: 'Suonare due volte.\r\nCAP 20121 – Milano',
};

const spanishPickup: EncodeOrderInput = {
  resId: 'TAPAS9',
  orderId: 'ES-2024_0042',
  type: 'collection',
  items: [
    { quantity: 3, name: 'Croquetas de jamón', unitPrice: 250 },
    {
      quantity: 1,
      name: 'Paella valenciana (2 pers.)',
      unitPrice: 2400,
      options: [
        { name: 'Sin marisco', price: 0 },
        { name: 'Ración extra de alioli', price: 120 },
      ],
    },
    { quantity: 2, name: 'Caña', unitPrice: 180 },
    { quantity: 1, name: 'Tortilla española ½', unitPrice: 600, note: 'Poco hecha' },
  ],
  total: 4230,
  customer: { name: 'José Núñez', phone: '+34 612 345 678', verified: false, previousOrders: 0 },
  paid: true,
  paymentLabel: 'Tarjeta (Redsys)',
  requestedAt: new Date('2024-11-02T12:10:00Z'),
  comments: 'Recogida en el local, 2º piso; ¿tenéis bolsas?',
};

const reservation: EncodeOrderInput = {
  resId: 'BISTRO',
  orderId: 'RSV77',
  type: 'reservation',
  items: [],
  total: 0,
  customer: { name: 'Françoise Müller-Ødegård', phone: '0033 6 12 34 56 78', verified: true },
  paid: false,
  requestedAt: new Date('2024-12-31T19:30:00Z'),
  comments: 'Table for 4 * window seat; birthday cake 🎂 at 21:00 / no nuts\\allergy',
};

const goldenCases: [string, EncodeOrderInput, EncodeOptions][] = [
  ['pizza-delivery', pizzaDelivery, { timeZone: 'Europe/Rome', currencyPrefix: '€' }],
  ['spanish-pickup', spanishPickup, { timeZone: '+01:00' }],
  ['reservation', reservation, { timeZone: 'Europe/Paris' }],
];

describe('encodeOrder golden files', () => {
  for (const [name, input, options] of goldenCases) {
    for (const textPolicy of ['utf8', 'ascii'] as const) {
      it(`${name} (${textPolicy})`, () => {
        const wire = encodeOrder(input, { ...options, textPolicy });
        expect(wire).toBe(golden(`${name}.${textPolicy}.txt`));
        expect(decodeOrder(wire).warnings).toEqual([]);
      });
    }
  }

  it('ascii output is 7-bit', () => {
    for (const [, input, options] of goldenCases) {
      expect(encodeOrder(input, { ...options, textPolicy: 'ascii' })).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it('renders the pizza order receipt', () => {
    const wire = encodeOrder(pizzaDelivery, { timeZone: 'Europe/Rome', currencyPrefix: '€' });
    expect(renderReceipt(decodeOrder(wire))).toBe(golden('pizza-delivery.receipt.txt'));
  });
});

describe('encodeOrder layout', () => {
  const base: EncodeOrderInput = {
    resId: 'R1',
    orderId: 'O1',
    type: 'collection',
    items: [{ quantity: 3, name: 'Beer', unitPrice: 450, options: [{ name: 'Cold', price: 10 }] }],
    total: 1380,
    paid: true,
  };

  it('writes line totals, the option price times the item quantity, and default fields', () => {
    expect(encodeOrder(base)).toBe('#R1*2*O1*3;Beer;13.50;Cold;;0.30;*0.00*0.00;13.80;5;;;;;6;;;*#');
  });

  it('puts a discount line after all items, and notes right after their item', () => {
    const wire = encodeOrder({
      ...base,
      items: [
        { quantity: 1, name: 'A', unitPrice: 100, note: 'no salt' },
        { quantity: 1, name: 'B', unitPrice: 100, note: '   ' },
      ],
      discount: 50,
    });
    expect(wire).toContain('*1;A;1.00;Note: no salt;;;1;B;1.00;Discount;;-0.50;*');
  });

  it('writes a blank item name as "?" so the line stays an item line', () => {
    const wire = encodeOrder({ ...base, items: [{ quantity: 1, name: '\u0007 ', unitPrice: 100 }] });
    expect(decodeOrder(wire).lines).toEqual([
      { kind: 'item', quantity: 1, text: '?', amount: '1.00', rawQuantity: '1' },
    ]);
  });

  it('escapes ; * # in an address and the frame survives', () => {
    const wire = encodeOrder({ ...base, customer: { address: 'Main St #5; Apt *2*' } });
    const decoded = decodeOrder(wire);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.customerAddress).toBe('Main St \uFE5F5\uFE54 Apt \uFE612\uFE61');
    expect(decoded.customerPhone).toBe('');
    const ascii = decodeOrder(
      encodeOrder({ ...base, customer: { address: 'Main St #5; Apt *2*' } }, { textPolicy: 'ascii' }),
    );
    expect(ascii.customerAddress).toBe('Main St No.5, Apt x2x');
  });

  it('neutralises printer control sequences \\3 and /b in comments', () => {
    const comments = 'big \\3 bold /b rule /-';
    expect(decodeOrder(encodeOrder({ ...base, comments })).comments).toBe(
      'big \uFE683 bold \uFF0Fb rule \uFF0F-',
    );
    expect(decodeOrder(encodeOrder({ ...base, comments }, { textPolicy: 'ascii' })).comments).toBe(
      'big -3 bold -b rule --',
    );
  });

  it('turns CRLF, CR and LF in comments into the newline token', () => {
    expect(encodeOrder({ ...base, comments: 'a\r\nb\rc\nd' })).toMatch(/\*a%%b%%c%%d#$/);
    expect(encodeOrder({ ...base, comments: 'a\r\nb' }, { newline: '\\r' })).toMatch(/\*a\\rb#$/);
  });

  it('prints the currency prefix on every amount, sanitised', () => {
    const wire = encodeOrder({ ...base, deliveryCharge: 100 }, { currencyPrefix: '€;', textPolicy: 'ascii' });
    expect(wire).toBe('#R1*2*O1*3;Beer;EUR,13.50;Cold;;EUR,0.30;*EUR,1.00*EUR,0.00;EUR,13.80;5;;;;;6;;;*#');
  });

  it('leaves the requested time empty when absent', () => {
    expect(decodeOrder(encodeOrder(base)).requestedFor).toBe('');
  });
});

describe('encodeOrder validation', () => {
  const base: EncodeOrderInput = {
    resId: 'R1',
    orderId: 'O1',
    type: 'delivery',
    items: [{ quantity: 1, name: 'X', unitPrice: 100 }],
    total: 100,
    paid: false,
  };
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ProtocolError) return error.code;
      throw error;
    }
    return undefined;
  };

  it.each([
    ['non-integer unit price', { items: [{ quantity: 1, name: 'X', unitPrice: 1.5 }] }, 'invalid_amount'],
    [
      'NaN option price',
      { items: [{ quantity: 1, name: 'X', unitPrice: 1, options: [{ name: 'o', price: NaN }] }] },
      'invalid_amount',
    ],
    ['non-integer total', { total: 10.01 }, 'invalid_amount'],
    ['negative total', { total: -1 }, 'invalid_amount'],
    ['negative discount', { discount: -5 }, 'invalid_amount'],
    ['fractional delivery', { deliveryCharge: 0.5 }, 'invalid_amount'],
    ['quantity 0', { items: [{ quantity: 0, name: 'X', unitPrice: 1 }] }, 'invalid_quantity'],
    ['fractional quantity', { items: [{ quantity: 1.5, name: 'X', unitPrice: 1 }] }, 'invalid_quantity'],
    ['empty order id', { orderId: '' }, 'invalid_order_id'],
    ['order id with a space', { orderId: 'A 1' }, 'invalid_order_id'],
    ['order id with #', { orderId: 'A#1' }, 'invalid_order_id'],
    ['empty res id', { resId: '' }, 'invalid_res_id'],
    ['res id with *', { resId: 'R*1' }, 'invalid_res_id'],
    ['fractional previous orders', { customer: { previousOrders: 1.5 } }, 'invalid_count'],
    ['invalid date', { requestedAt: new Date('nope') }, 'invalid_date'],
  ] as [string, Partial<EncodeOrderInput>, string][])('rejects %s', (_label, patch, code) => {
    expect(codeOf(() => encodeOrder({ ...base, ...patch }))).toBe(code);
  });

  it.each([
    ['a newline token with #', { newline: '#' }, 'invalid_newline'],
    ['a newline token with ;', { newline: '%;' }, 'invalid_newline'],
    ['a newline token with *', { newline: '**' }, 'invalid_newline'],
    ['an empty newline token', { newline: '' }, 'invalid_newline'],
    ['a newline token with CR', { newline: '\r' }, 'invalid_newline'],
    ['a non-ASCII token in ascii mode', { newline: '¶', textPolicy: 'ascii' }, 'invalid_newline'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'invalid_time_zone'],
    ['an out-of-range offset', { timeZone: '+15:00' }, 'invalid_time_zone'],
    ['minorDigits 1.5', { minorDigits: 1.5 }, 'invalid_option'],
    ['maxLength 0', { maxLength: 0 }, 'invalid_option'],
  ] as [string, EncodeOptions, string][])('rejects %s', (_label, options, code) => {
    expect(codeOf(() => encodeOrder(base, options))).toBe(code);
  });

  it('accepts a non-ASCII newline token in utf8 mode', () => {
    expect(encodeOrder({ ...base, comments: 'a\nb' }, { newline: '¶' })).toMatch(/a¶b#$/);
  });

  it('throws OrderTooLongError with the byte length when over maxLength', () => {
    const wire = encodeOrder(base);
    const bytes = Buffer.byteLength(wire, 'utf8');
    expect(encodeOrder(base, { maxLength: bytes })).toBe(wire);
    let caught: unknown;
    try {
      encodeOrder({ ...base, comments: 'é' }, { maxLength: bytes + 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OrderTooLongError);
    expect(caught).toBeInstanceOf(ProtocolError);
    expect(caught).toMatchObject({ code: 'order_too_long', length: bytes + 2, maxLength: bytes + 1 });
  });

  it('guards the default 16 KiB', () => {
    expect(() => encodeOrder({ ...base, comments: 'x'.repeat(16_384) })).toThrow(OrderTooLongError);
  });
});

describe('formatAmount', () => {
  it.each([
    [1250, {}, '12.50'],
    [-200, {}, '-2.00'],
    [0, {}, '0.00'],
    [-0, {}, '0.00'],
    [5, {}, '0.05'],
    [123456789, {}, '1234567.89'],
    [1250, { minorDigits: 0 }, '1250'],
    [1250, { minorDigits: 3 }, '1.250'],
    [1250, { currencyPrefix: '€' }, '€12.50'],
    [-200, { currencyPrefix: 'EUR ' }, '-EUR 2.00'],
  ] as [number, { minorDigits?: number; currencyPrefix?: string }, string][])(
    '%p %p → %s',
    (minor, options, out) => {
      expect(formatAmount(minor, options)).toBe(out);
    },
  );

  it('refuses floating point money', () => {
    expect(() => formatAmount(12.5)).toThrow(ProtocolError);
    expect(() => formatAmount(Number.MAX_SAFE_INTEGER + 2)).toThrow(ProtocolError);
  });
});

describe('formatRequestedFor', () => {
  const summer = new Date('2024-07-01T22:05:00Z');
  const winter = new Date('2024-01-15T23:30:00Z');

  it.each([
    [summer, 'UTC', '22:05 01-07-24'],
    [summer, 'Europe/Rome', '00:05 02-07-24'],
    [winter, 'Europe/Rome', '00:30 16-01-24'],
    [winter, 'America/New_York', '18:30 15-01-24'],
    [summer, '+02:00', '00:05 02-07-24'],
    [summer, '-05:30', '16:35 01-07-24'],
    [summer, '+0530', '03:35 02-07-24'],
    [summer, 'Z', '22:05 01-07-24'],
    [new Date('2099-12-31T23:59:00Z'), 'UTC', '23:59 31-12-99'],
  ] as [Date, string, string][])('%s in %s → %s', (date, zone, out) => {
    expect(formatRequestedFor(date, zone)).toBe(out);
  });

  it('defaults to UTC', () => {
    expect(formatRequestedFor(summer)).toBe('22:05 01-07-24');
  });
});
