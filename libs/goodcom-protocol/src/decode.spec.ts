import fc from 'fast-check';
import { ProtocolError, decodeOrder } from './index';
import { anyText } from '../test/arbitraries';

const TV1 =
  '#AC001*1*10005*1;Chiken;3.00;2;Beef;6.00;3;rice;2.50;*1.0*0;12.50;4;Tom;Address;15:47 03-08-10;113;7;cod:;008612345678;*Comment#';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError) return error.code;
    throw error;
  }
  return undefined;
}

describe('decodeOrder framing', () => {
  it('tolerates a trailing CRLF and a UTF-8 BOM', () => {
    const plain = decodeOrder(TV1);
    expect(decodeOrder(`${TV1}\r\n`)).toEqual(plain);
    expect(decodeOrder(`\uFEFF${TV1}\r\n`)).toEqual(plain);
    expect(plain.warnings).toEqual([]);
  });

  it.each([
    '',
    'No order found',
    'just # one hash',
    '#!*P*Authentication error!',
    '#!*P*\\3Order cancelled\r\n',
    '#!*D*hi#',
  ])('throws not_an_order for %p', (wire) => {
    expect(errorCode(() => decodeOrder(wire))).toBe('not_an_order');
  });

  it('warns about text around the frame', () => {
    expect(decodeOrder(`junk${TV1}0x0D0x0A`).warnings).toEqual([
      'text before the opening # ignored',
      'text after the closing # ignored',
    ]);
  });

  it('decodes only the first of several concatenated orders', () => {
    const second = TV1.replace('10005', '10006');
    const order = decodeOrder(TV1 + second);
    expect(order.orderId).toBe('10005');
    expect(order.comments).toBe('Comment');
    expect(order.warnings).toEqual(['several orders in one response; only the first was decoded']);
  });
});

describe('decodeOrder tolerance', () => {
  it('keeps extra * segments in the comments', () => {
    const order = decodeOrder(TV1.replace('*Comment#', '*ring *twice*#'));
    expect(order.format).toBe('classic');
    expect(order.comments).toBe('ring *twice*');
    expect(order.warnings).toHaveLength(1);
  });

  it('joins extra ; fields of the customer segment into the address', () => {
    const order = decodeOrder(TV1.replace(';Address;', ';Main St; flat 2; back door;'));
    expect(order.format).toBe('free-text');
    expect(order.customerAddress).toBe('Main St; flat 2; back door');
    expect(order.requestedFor).toBe('15:47 03-08-10');
    expect(order.customerPhone).toBe('008612345678');
  });

  it('pads a short customer segment and says so', () => {
    const order = decodeOrder('#1*2*3*1;A;1;*0*0;1;#');
    expect(order.format).toBe('free-text');
    expect(order.total).toBe('1');
    expect(order.customerPhone).toBe('');
    expect(order.customerType).toBeNull();
    expect(order.warnings).toContain('customer segment has 2 fields, expected 10');
  });

  it('reads a blank middle field as an option line, even with spaces', () => {
    expect(decodeOrder('#1*1*9*Extra; ;1.00;*0*0;1;4;;;;;6;;;*#').lines).toEqual([
      { kind: 'option', quantity: null, text: 'Extra', amount: '1.00', rawQuantity: 'Extra' },
    ]);
  });

  it('leaves a quantity that is not a number as null and keeps the raw text', () => {
    const [line] = decodeOrder('#1*1*9*two;Tea;2.00;*0*0;1;4;;;;;6;;;*#').lines;
    expect(line).toEqual({ kind: 'item', quantity: null, text: 'Tea', amount: '2.00', rawQuantity: 'two' });
  });

  it('maps type codes 1/2/3 and leaves others null', () => {
    const typeOf = (code: string): unknown =>
      decodeOrder(TV1.replace('#AC001*1*', `#AC001*${code}*`)).orderType;
    expect([typeOf('1'), typeOf('2'), typeOf('3'), typeOf('0'), typeOf(''), typeOf('x')]).toEqual([
      'delivery',
      'collection',
      'reservation',
      null,
      null,
      null,
    ]);
  });

  it('reads the legacy comma format, with a comma inside an item name', () => {
    const order = decodeOrder('#5*2*7*1,Fish, chips,9.50;2,Tea,3*0;0;12.50;5;Ann;;;0;7;cash;123*#');
    expect(order.format).toBe('legacy-comma');
    expect(order.orderType).toBe('collection');
    expect(order.lines.map((l) => [l.quantity, l.text, l.amount])).toEqual([
      [1, 'Fish, chips', '9.50'],
      [2, 'Tea', '3'],
    ]);
    expect([order.deliveryCharge, order.cardFee, order.total, order.customerPhone]).toEqual([
      '0',
      '0',
      '12.50',
      '123',
    ]);
    expect(order.warnings).toEqual([]);
  });

  it('never throws once there is a #…# frame that is not a command', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (before, body, after) => {
        const wire = `${before.replace(/#/g, '')}#${body.replace(/^!+/, '')}#${after.replace(/#/g, '')}`;
        const order = decodeOrder(wire);
        expect(Array.isArray(order.lines)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('throws only ProtocolError for arbitrary input', () => {
    fc.assert(
      fc.property(anyText, (wire) => {
        const code = errorCode(() => decodeOrder(wire));
        expect(code === undefined || code === 'not_an_order').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
