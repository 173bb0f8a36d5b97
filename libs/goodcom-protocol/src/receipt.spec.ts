import fc from 'fast-check';
import { decodeOrder, encodeOrder, renderReceipt, type DecodedOrder } from './index';
import { anyText, encodeOptions, hasControlCharBesidesLf, orders } from '../test/arbitraries';

const TV2 =
  '#AC001*1*10003*12;Chicken;13.27;1;Cheese Burger;13.87; ;;No Pickles;Extra Mayo;;23.5;1;Rice;13;1;Burger King;15.86;12;Bread;13.27;Extra Sesame;;5;*5*1;38.1;4;Ehab;Addresss of the Customer;15:17 03-08-2017;1002;7;cod;00201955915859;*Comments1%%    comments 2 %%    comments 3#';

const codePoints = (line: string): number => Array.from(line).length;

describe('renderReceipt', () => {
  it('renders TV2: items, options indented, totals, customer, comments on three lines', () => {
    expect(renderReceipt(decodeOrder(TV2))).toBe(
      [
        'DELIVERY',
        'Order: 10003',
        '--------------------------------',
        '12x Chicken                13.27',
        '1x Cheese Burger           13.87',
        '                      No Pickles',
        '  Extra Mayo                23.5',
        '1x Rice                       13',
        '1x Burger King             15.86',
        '12x Bread                  13.27',
        '  Extra Sesame                 5',
        '--------------------------------',
        'Delivery                       5',
        'Card fee                       1',
        'TOTAL                       38.1',
        '--------------------------------',
        'Customer: Ehab (verified)',
        'Addresss of the Customer',
        'Tel: 00201955915859',
        'Requested: 15:17 03-08-2017',
        'Previous orders: 1002',
        'NOT PAID - cod',
        '--------------------------------',
        'Comments:',
        'Comments1',
        '    comments 2',
        '    comments 3',
      ].join('\n'),
    );
  });

  it('wraps long names under the width and keeps the amount right-aligned', () => {
    const order = decodeOrder(
      '#1*2*9*2;Pizza quattro stagioni con funghi porcini e tartufo nero;25.00;*0*0;25.00;5;;;;;7;;;*#',
    );
    expect(renderReceipt(order, { width: 24 }).split('\n').slice(3, 7)).toEqual([
      '2x Pizza quattro   25.00',
      '   stagioni con funghi',
      '   porcini e tartufo',
      '   nero',
    ]);
    expect(renderReceipt(order).split('\n')).toContain('COLLECTION');
  });

  it('expands a custom newline token and strips terminal control sequences', () => {
    const order = decodeOrder('#1*3*9**0*0;0;5;Ann\u001b[2J;;;;7;;;*line one\\rline two#');
    const receipt = renderReceipt(order, { newline: '\\r' });
    expect(receipt).toContain('Customer: Ann[2J (not verified)');
    expect(receipt).toContain('Comments:\nline one\nline two');
    expect(receipt).toContain('RESERVATION');
    expect(hasControlCharBesidesLf(receipt)).toBe(false);
  });

  it('never exceeds the width, counted in code points, for any encoded order', () => {
    fc.assert(
      fc.property(orders, encodeOptions, fc.integer({ min: 1, max: 64 }), (input, options, width) => {
        const receipt = renderReceipt(decodeOrder(encodeOrder(input, options)), {
          width,
          newline: options.newline,
        });
        for (const line of receipt.split('\n')) expect(codePoints(line)).toBeLessThanOrEqual(width);
        expect(hasControlCharBesidesLf(receipt)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws for any decodable wire, or a hand-made DecodedOrder', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 48 }), (body, width) => {
        const receipt = renderReceipt(decodeOrder(`#${body.replace(/^!+/, '')}#`), { width });
        for (const line of receipt.split('\n')) expect(codePoints(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 1000 },
    );
    const broken = { lines: null, orderType: 'weird', customerType: 99 } as unknown as DecodedOrder;
    expect(renderReceipt(broken, { width: Number.NaN })).toContain('ORDER');
  });
});
