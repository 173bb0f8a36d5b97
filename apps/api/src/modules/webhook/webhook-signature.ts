import { createHmac, timingSafeEqual } from 'node:crypto';

/** Replays older (or clock skew larger) than this are refused by `verifySignature`. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function digest(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The `X-GCB-Signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signPayload(secret: string, body: string, nowMs: number): string {
  const timestamp = Math.floor(nowMs / 1000);
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'expired' | 'mismatch';

/**
 * Checks a signature header against the raw body: constant-time compare, and a timestamp within
 * five minutes of `nowMs` so a captured request cannot be replayed later. Returns null when valid.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string | Buffer,
  nowMs: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureProblem | null {
  if (!header) return 'missing';
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key && value) parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  const candidates = parts.get('v1') ?? [];
  if (!Number.isSafeInteger(timestamp) || candidates.length === 0) return 'malformed';
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return 'expired';
  const expected = Buffer.from(digest(secret, timestamp, body), 'hex');
  // Several v1 values are allowed so a receiver can accept both secrets while rotating.
  const matches = candidates.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'mismatch';
}
