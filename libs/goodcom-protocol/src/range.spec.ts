import fc from 'fast-check';
import { answerRange, encodeOrder, type EncodeOrderInput } from './index';

const body = Buffer.from('0123456789');

describe('answerRange', () => {
  it.each([
    [undefined, 200, undefined, '0123456789'],
    [null, 200, undefined, '0123456789'],
    ['', 200, undefined, '0123456789'],
    ['nonsense', 200, undefined, '0123456789'],
    ['items=0-3', 200, undefined, '0123456789'],
    ['bytes=5-2', 200, undefined, '0123456789'],
    ['bytes=0-1,4-5', 200, undefined, '0123456789'],
    ['bytes=0-9', 200, undefined, '0123456789'],
    ['bytes=0-1023', 200, undefined, '0123456789'],
    ['bytes=0-', 200, undefined, '0123456789'],
    ['bytes=-10', 200, undefined, '0123456789'],
    ['bytes=-50', 200, undefined, '0123456789'],
    ['bytes=0-3', 206, 'bytes 0-3/10', '0123'],
    ['BYTES = 2 - 4', 206, 'bytes 2-4/10', '234'],
    ['bytes=5-1023', 206, 'bytes 5-9/10', '56789'],
    ['bytes=7-', 206, 'bytes 7-9/10', '789'],
    ['bytes=-3', 206, 'bytes 7-9/10', '789'],
    ['bytes=9-9', 206, 'bytes 9-9/10', '9'],
    ['bytes=10-20', 416, 'bytes */10', ''],
    ['bytes=10-', 416, 'bytes */10', ''],
    ['bytes=-0', 416, 'bytes */10', ''],
  ] as [string | null | undefined, number, string | undefined, string][])(
    '%p → %i %s',
    (header, status, contentRange, text) => {
      const answer = answerRange(body, header);
      expect(answer.status).toBe(status);
      expect(answer.headers['Content-Range']).toBe(contentRange);
      expect(answer.headers['Content-Length']).toBe(String(Buffer.byteLength(text)));
      expect(answer.body.toString('utf8')).toBe(text);
    },
  );

  it('answers 200 with an empty body when there is no order, range or not', () => {
    for (const header of [undefined, 'bytes=0-1023', 'bytes=5-']) {
      const answer = answerRange('', header);
      expect(answer).toEqual({ status: 200, headers: { 'Content-Length': '0' }, body: Buffer.alloc(0) });
    }
  });

  it('slices by UTF-8 bytes, not characters', () => {
    const answer = answerRange('€€', 'bytes=0-2');
    expect(answer.status).toBe(206);
    expect(answer.headers['Content-Range']).toBe('bytes 0-2/6');
    expect(answer.body.toString('utf8')).toBe('€');
  });

  it('serves an order longer than 1024 bytes as bytes=0-1023 then bytes=1024-2047', () => {
    const order: EncodeOrderInput = {
      resId: 'R1',
      orderId: 'LONG1',
      type: 'delivery',
      items: Array.from({ length: 40 }, (_, i) => ({
        quantity: 1,
        name: `Pizza numero ${i} con più mozzarella`,
        unitPrice: 700,
      })),
      total: 28_000,
      paid: false,
    };
    const wire = encodeOrder(order);
    const total = Buffer.byteLength(wire);
    expect(total).toBeGreaterThan(1024);
    expect(total).toBeLessThan(2048);
    const first = answerRange(wire, 'bytes=0-1023');
    const second = answerRange(wire, 'bytes=1024-2047');
    expect([first.status, second.status]).toEqual([206, 206]);
    expect(first.headers['Content-Range']).toBe(`bytes 0-1023/${total}`);
    expect(second.headers['Content-Range']).toBe(`bytes 1024-${total - 1}/${total}`);
    expect(first.headers['Content-Length']).toBe('1024');
    expect(Buffer.concat([first.body, second.body]).toString('utf8')).toBe(wire);
    expect(answerRange(wire, 'bytes=2048-3071').status).toBe(416);
  });

  it('chunks of any size concatenate back to the body', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 5000 }),
        fc.integer({ min: 1, max: 2048 }),
        (bytes, size) => {
          const buffer = Buffer.from(bytes);
          const parts: Buffer[] = [];
          for (let start = 0; start < buffer.length; start += size) {
            const answer = answerRange(buffer, `bytes=${start}-${start + size - 1}`);
            expect(answer.status).toBe(start === 0 && size >= buffer.length ? 200 : 206);
            expect(answer.headers['Content-Length']).toBe(String(answer.body.length));
            parts.push(answer.body);
          }
          expect(Buffer.concat(parts).equals(buffer)).toBe(true);
          expect(answerRange(buffer, `bytes=${buffer.length}-`).status).toBe(416);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary headers and always sends a matching Content-Length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.oneof(fc.string(), fc.stringMatching(/^bytes=\d{0,4}-\d{0,4}$/)),
        (bytes, header) => {
          const answer = answerRange(Buffer.from(bytes), header);
          expect([200, 206, 416]).toContain(answer.status);
          expect(answer.headers['Content-Length']).toBe(String(answer.body.length));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
