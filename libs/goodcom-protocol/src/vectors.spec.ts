// Every public example in shared/goodcom/vectors.json, checked against its documented meaning.
// The file lives beside the repository (../shared), so it is read at test time, never copied.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ProtocolError,
  answerRange,
  decodeOrder,
  parseCallback,
  parsePollParams,
  printCommand,
  type DecodedOrder,
  type PrinterCallback,
} from './index';

interface OrderVector {
  id: string;
  format: string;
  wire: string;
  meaning: Record<string, unknown>;
  callbacks?: string[];
  polls?: string[];
}
interface CallbackVector {
  id: string;
  query?: string;
  body?: string;
  rawRequestLine?: string;
  meaning: Record<string, unknown>;
}
interface PollVector {
  id: string;
  requestLine?: string;
  headers?: Record<string, string>;
}
interface Vectors {
  orders: OrderVector[];
  callbacks: CallbackVector[];
  polls: PollVector[];
  httpc: string[];
}

const vectors = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../shared/goodcom/vectors.json'), 'utf8'),
) as Vectors;

/** The query part of a request line: after `?`, before ` HTTP/1.x`. */
function queryOf(requestLine: string): string {
  const afterQuestion = requestLine.slice(requestLine.indexOf('?') + 1);
  return afterQuestion.replace(/ HTTP\/\d\.\d$/, '');
}

function expectOrderMeaning(decoded: DecodedOrder, meaning: Record<string, unknown>): void {
  for (const [key, expected] of Object.entries(meaning)) {
    switch (key) {
      case 'note':
        break;
      case 'orderType':
        expect(decoded.orderTypeCode).toBe(String(expected));
        break;
      case 'items':
        expect(
          decoded.lines
            .filter((line) => line.kind === 'item')
            .map((line) => ({ qty: line.quantity, name: line.text, amount: line.amount })),
        ).toEqual(expected);
        break;
      case 'resId':
      case 'orderId':
      case 'deliveryCharge':
      case 'cardFee':
      case 'total':
      case 'customerType':
      case 'customerName':
      case 'customerAddress':
      case 'requestedFor':
      case 'previousOrders':
      case 'paymentStatus':
      case 'paymentCard':
      case 'customerPhone':
      case 'comments':
        expect({ [key]: decoded[key] }).toEqual({ [key]: expected });
        break;
      default:
        throw new Error(`vectors.json has a meaning key this suite does not check yet: ${key}`);
    }
  }
}

function expectCallbackMeaning(value: PrinterCallback, meaning: Record<string, unknown>): void {
  const known = ['resId', 'orderId', 'outcome', 'message', 'time', 'date', 'battery', 'user', 'password'];
  for (const [key, expected] of Object.entries(meaning)) {
    if (!known.includes(key)) throw new Error(`vectors.json callback meaning key not checked: ${key}`);
    expect({ [key]: value[key as keyof PrinterCallback] }).toEqual({ [key]: expected });
  }
}

describe('vectors.json orders', () => {
  it.each(vectors.orders.map((o) => [o.id, o] as const))('%s decodes to its meaning', (_id, vector) => {
    const decoded = decodeOrder(vector.wire);
    expect(decoded.format).toBe(vector.format);
    expectOrderMeaning(decoded, vector.meaning);
  });

  it('TV1 maps the documented codes', () => {
    const order = decodeOrder(vectors.orders.find((o) => o.id === 'TV1')?.wire ?? '');
    expect(order.orderType).toBe('delivery');
    expect(order.warnings).toEqual([]);
  });

  it('TV2 reads option lines and three comment lines', () => {
    const order = decodeOrder(vectors.orders.find((o) => o.id === 'TV2')?.wire ?? '');
    expect(order.lines.filter((l) => l.kind === 'option')).toEqual([
      { kind: 'option', quantity: null, text: ' ', amount: 'No Pickles', rawQuantity: ' ' },
      { kind: 'option', quantity: null, text: 'Extra Mayo', amount: '23.5', rawQuantity: 'Extra Mayo' },
      { kind: 'option', quantity: null, text: 'Extra Sesame', amount: '5', rawQuantity: 'Extra Sesame' },
    ]);
    expect(order.lines.map((l) => l.kind)).toEqual([
      'item',
      'item',
      'option',
      'option',
      'item',
      'item',
      'item',
      'option',
    ]);
    expect(order.comments.split('%%')).toEqual(['Comments1', '    comments 2 ', '    comments 3']);
    expect(order.warnings).toEqual([]);
  });

  it('TV3 keeps the legacy address with its commas and the leading space of the comment', () => {
    const order = decodeOrder(vectors.orders.find((o) => o.id === 'TV3')?.wire ?? '');
    expect(order.customerAddress).toBe('111,5 Ave,SW,Suite 339,Calgary');
    expect(order.customerName).toBe('eric_chen');
    expect(order.comments).toBe(' can I have soy sauce?');
    expect(order.warnings).toEqual([]);
  });

  it('TV4 has an undocumented order type: null, with a warning, no crash', () => {
    const order = decodeOrder(vectors.orders.find((o) => o.id === 'TV4')?.wire ?? '');
    expect(order.orderType).toBeNull();
    expect(order.orderTypeCode).toBe('0');
    expect(order.lines).toHaveLength(6);
    expect(order.warnings).toEqual(['undocumented order type code "0"']);
  });

  it('TV6 (free text) is decoded best effort with warnings', () => {
    const order = decodeOrder(vectors.orders.find((o) => o.id === 'TV6')?.wire ?? '');
    expect(order.format).toBe('free-text');
    expect(order.resId).toBe('12589053');
    expect(order.orderType).toBeNull();
    expect(order.warnings.length).toBeGreaterThan(0);
    expect(order.lines.find((l) => l.kind === 'item' && l.text === 'Option 01')?.amount).toBe('USD1.02');
  });
});

describe('vectors.json callbacks and polls listed under orders', () => {
  // Every callback/poll string of an order entry needs an expectation here, so new vectors fail loudly.
  const expectedCallbacks: Record<string, Partial<PrinterCallback>> = {
    'status=accepted&restid=5&ordernumber=123&deliverytime=12:20': {
      outcome: 'accepted',
      resId: '5',
      orderId: '123',
      time: '12:20',
    },
    'status=rejected&restid=5&ordernumber=123&reason=busy': {
      outcome: 'rejected',
      resId: '5',
      orderId: '123',
      message: 'busy',
    },
    'a=AC0001&o=10004&ak=Accepted&m=OK&dt=17:10&u=testuser&p=test': {
      outcome: 'accepted',
      resId: 'AC0001',
      orderId: '10004',
      message: 'OK',
      time: '17:10',
      user: 'testuser',
      password: 'test',
    },
    'a=12589053&o=2_9&ak=accepted&dt=12:12': {
      outcome: 'accepted',
      resId: '12589053',
      orderId: '2_9',
      time: '12:12',
      answer: 'accepted',
    },
  };
  const expectedPolls: Record<string, unknown> = {
    'a=12589053&u=12589053&p=179334': { resId: '12589053', user: '12589053', password: '179334' },
  };

  const callbacks = vectors.orders.flatMap((o) => (o.callbacks ?? []).map((q) => [o.id, q] as const));
  it.each(callbacks)('%s callback %s', (_id, query) => {
    const result = parseCallback(query);
    expect(expectedCallbacks[query]).toBeDefined();
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expectedCallbacks[query] ?? {});
  });

  const polls = vectors.orders.flatMap((o) => (o.polls ?? []).map((q) => [o.id, q] as const));
  it.each(polls)('%s poll %s', (_id, query) => {
    expect(expectedPolls[query]).toBeDefined();
    expect(parsePollParams(query)).toEqual(expectedPolls[query]);
  });
});

describe('vectors.json callbacks', () => {
  it.each(vectors.callbacks.map((c) => [c.id, c] as const))('%s parses to its meaning', (_id, vector) => {
    const input = vector.query ?? vector.body ?? queryOf(vector.rawRequestLine ?? '');
    expect(input).not.toBe('');
    const result = parseCallback(input);
    if (!result.ok) throw new Error(`${vector.id}: ${result.error.message}`);
    expectCallbackMeaning(result.value, vector.meaning);
  });

  it('CB2 keeps the unknown cur value verbatim', () => {
    const result = parseCallback(vectors.callbacks.find((c) => c.id === 'CB2')?.query ?? '');
    expect(result.ok && result.value.cur).toBe('0048542308');
  });
});

describe('vectors.json polls', () => {
  it('P1: absolute-form request line gives a/u/p', () => {
    const line = vectors.polls.find((p) => p.id === 'P1')?.requestLine ?? '';
    expect(parsePollParams(queryOf(line))).toEqual({ resId: '25', user: 'demo', password: '123456789' });
  });

  it('P2: the Range header is answered 206 / 200 / 416 as described', () => {
    const range = vectors.polls.find((p) => p.id === 'P2')?.headers?.Range ?? '';
    expect(range).toBe('bytes=0-1023');
    expect(answerRange('x'.repeat(1500), range).status).toBe(206);
    expect(answerRange('x'.repeat(1024), range).status).toBe(200);
    expect(answerRange('x'.repeat(10), 'bytes=10-20').status).toBe(416);
  });
});

describe('vectors.json httpc commands', () => {
  it.each(vectors.httpc.map((c) => [JSON.stringify(c), c] as const))('%s round-trips', (_label, wire) => {
    const match = /^#!\*P\*(\\3)?(.*?)(\r\n)?$/s.exec(wire);
    expect(match).not.toBeNull();
    const [, bigFont, text = '', crlf] = match ?? [];
    // EHAB sends its auth error without the CRLF that GC-API appends; printCommand always adds it.
    expect(printCommand(text, { bigFont: bigFont !== undefined })).toBe(crlf ? wire : `${wire}\r\n`);
    expect(() => decodeOrder(wire)).toThrow(ProtocolError);
  });
});
