import fc from 'fast-check';
import { parseCallback, parsePollParams, type CallbackParseResult, type PrinterCallback } from './index';
import { anyText } from '../test/arbitraries';

function value(result: CallbackParseResult): PrinterCallback {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('parseCallback', () => {
  it('reads the vendor sample in full', () => {
    expect(value(parseCallback('?a=AC0001&o=10004&ak=Accepted&m=OK&dt=17:10&u=testuser&p=test'))).toEqual({
      outcome: 'accepted',
      orderId: '10004',
      resId: 'AC0001',
      message: 'OK',
      time: '17:10',
      date: null,
      user: 'testuser',
      password: 'test',
      battery: null,
      cur: null,
      answer: 'Accepted',
    });
  });

  it('accepts lowercase ak=accepted and upper-case parameter names', () => {
    expect(value(parseCallback('a=1&o=5&ak=accepted')).outcome).toBe('accepted');
    expect(value(parseCallback('A=1&O=5&AK=REJECTED&M=busy')).outcome).toBe('rejected');
  });

  it.each([
    ['Accepted', 'accepted'],
    ['accept', 'accepted'],
    ['Confirm', 'accepted'],
    ['confirmed', 'accepted'],
    ['OK', 'accepted'],
    ['yes', 'accepted'],
    ['1', 'accepted'],
    ['Rejected', 'rejected'],
    ['reject', 'rejected'],
    ['Declined', 'rejected'],
    ['cancel', 'rejected'],
    ['Cancelled', 'rejected'],
    ['no', 'rejected'],
  ])('ak=%s → %s', (ak, outcome) => {
    expect(value(parseCallback(`o=1&ak=${ak}`)).outcome).toBe(outcome);
  });

  it('treats ak=0 (ZOMIGO) and other values as unknown_answer, naming the parameter', () => {
    for (const ak of ['0', 'maybe', '2']) {
      const result = parseCallback(`ak=${ak}&o=102&dt=16:22`);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_answer' } });
      if (!result.ok) expect(result.error.message).toContain("'ak'");
    }
  });

  it('reports a missing o and a missing ak, naming the parameter', () => {
    const noOrder = parseCallback('a=1&ak=Accepted');
    expect(noOrder).toMatchObject({ ok: false, error: { code: 'missing_order_id' } });
    if (!noOrder.ok) expect(noOrder.error.message).toContain("'o'");
    const noAnswer = parseCallback('a=1&o=5&ak=');
    expect(noAnswer).toMatchObject({ ok: false, error: { code: 'missing_answer' } });
    if (!noAnswer.ok) expect(noAnswer.error.message).toContain("'ak'");
  });

  it('reads a reject reason with a raw space, %20, + or _', () => {
    for (const m of ['TOO BUSY', 'TOO%20BUSY', 'TOO+BUSY', 'TOO_BUSY']) {
      expect(value(parseCallback(`a=25&o=323&ak=Rejected&m=${m}&dt=21:05`)).message).toBe('TOO BUSY');
    }
  });

  it('turns _ in dt into spaces (accept items)', () => {
    expect(value(parseCallback('o=1&ak=Accepted&dt=20_Minutes')).time).toBe('20 Minutes');
  });

  it('keeps the order id verbatim apart from percent-decoding and trimming', () => {
    expect(value(parseCallback('o=2_9&ak=accepted')).orderId).toBe('2_9');
    expect(value(parseCallback('o=%2031_233%20&ak=accepted')).orderId).toBe('31_233');
    expect(value(parseCallback('o=a+b&ak=accepted')).orderId).toBe('a+b');
  });

  it('still parses an order id nobody knows (the API answers 200 anyway)', () => {
    expect(value(parseCallback('a=1&o=does-not-exist-999&ak=Accepted')).orderId).toBe('does-not-exist-999');
  });

  it('never throws on malformed percent sequences and keeps them as text', () => {
    expect(value(parseCallback('o=1&ak=Rejected&m=100%&dt=%zz')).message).toBe('100%');
    expect(value(parseCallback('o=1&ak=Rejected&m=%E0%A4%A&dt=x')).message).toBe('%E0%A4%A');
    expect(value(parseCallback('o=1&ak=Rejected&m=caf%C3%A9%FF')).message).toBe('café%FF');
  });

  it('converts dd to an ISO date, null when invalid', () => {
    expect(value(parseCallback('o=1&ak=Accepted&dd=230824')).date).toBe('2023-08-24');
    expect(value(parseCallback('o=1&ak=Accepted&dd=230230')).date).toBeNull();
    expect(value(parseCallback('o=1&ak=Accepted&dd=2308')).date).toBeNull();
  });

  it('reads the legacy names, including RejectReason', () => {
    expect(
      value(parseCallback('status=rejected&restid=5&ordernumber=123&RejectReason=no_driver')),
    ).toMatchObject({
      outcome: 'rejected',
      resId: '5',
      orderId: '123',
      message: 'no driver',
    });
  });

  it('reads URLSearchParams and parsed objects (Express req.query)', () => {
    expect(value(parseCallback(new URLSearchParams('a=1&o=7&ak=Accepted&m=TOO+BUSY')))).toMatchObject({
      orderId: '7',
      message: 'TOO BUSY',
    });
    expect(
      value(
        parseCallback({ A: '1', o: ['8', '9'], ak: 'rejected', m: { nested: 'x' }, bat: 33, extra: null }),
      ),
    ).toMatchObject({ orderId: '8', outcome: 'rejected', message: null, battery: '33' });
  });

  it('never throws, whatever the string or object', () => {
    const queryish = fc.array(
      fc.tuple(fc.constantFrom('a', 'o', 'ak', 'm', 'dt', 'dd', 'x', 'O', ''), anyText),
      {
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          queryish.map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
        ),
        (input) => {
          const result = parseCallback(input);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (input) => {
        expect(typeof parseCallback(input).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parsePollParams', () => {
  it('reads a/u/p', () => {
    expect(parsePollParams('a=AC001&u=testuser&p=test')).toEqual({
      resId: 'AC001',
      user: 'testuser',
      password: 'test',
    });
  });

  it('reads the legacy restid/password', () => {
    expect(parsePollParams('?restid=5&password=345678')).toEqual({
      resId: '5',
      user: null,
      password: '345678',
    });
  });

  it('gives nulls when nothing is there', () => {
    expect(parsePollParams('')).toEqual({ resId: null, user: null, password: null });
    expect(parsePollParams({ a: ['  '], u: [] })).toEqual({ resId: null, user: null, password: null });
  });
});
