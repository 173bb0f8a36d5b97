import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { signPayload, verifySignature } from './webhook-signature';

const secret = 'whsec_test_secret';
const now = Date.UTC(2026, 10, 29, 19, 30);

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "timestamp.body", as documented', () => {
    const body = '{"type":"order.completed"}';
    const header = signPayload(secret, body, now);
    const t = Math.floor(now / 1000);
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
  });

  it('verifies what it signs, for any body', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (body) => verifySignature(secret, signPayload(secret, body, now), body, now) === null,
      ),
      { numRuns: 200 },
    );
  });

  it('rejects tampering, other secrets, replays and garbage', () => {
    const body = '{"a":1}';
    const header = signPayload(secret, body, now);
    expect(verifySignature(secret, header, '{"a":2}', now)).toBe('mismatch');
    expect(verifySignature('other', header, body, now)).toBe('mismatch');
    expect(verifySignature(secret, header, body, now + 301_000)).toBe('expired');
    expect(verifySignature(secret, header, body, now - 301_000)).toBe('expired');
    expect(verifySignature(secret, header, body, now + 299_000)).toBeNull();
    expect(verifySignature(secret, undefined, body, now)).toBe('missing');
    expect(verifySignature(secret, 'v1=abc', body, now)).toBe('malformed');
    expect(verifySignature(secret, `t=${Math.floor(now / 1000)},v1=zz`, body, now)).toBe('mismatch');
  });

  it('accepts any one of several v1 values (secret rotation)', () => {
    const body = 'x';
    const good = signPayload(secret, body, now).split(',')[1]!;
    const header = `t=${Math.floor(now / 1000)},v1=${'0'.repeat(64)},${good}`;
    expect(verifySignature(secret, header, body, now)).toBeNull();
  });
});
