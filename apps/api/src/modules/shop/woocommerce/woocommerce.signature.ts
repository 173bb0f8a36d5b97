import { createHmac, timingSafeEqual } from 'node:crypto';

export type WooSignatureProblem = 'missing' | 'mismatch';

/**
 * `X-WC-Webhook-Signature`: base64 of the binary HMAC-SHA256 of the exact body WooCommerce sent,
 * keyed by the webhook secret (class-wc-webhook.php, generate_signature).
 */
export function wooSignature(secret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Null when `header` signs `rawBody` with `secret`; compared in constant time. */
export function checkWooSignature(
  secret: string,
  header: string | undefined,
  rawBody: Buffer,
): WooSignatureProblem | null {
  const given = header?.trim() ?? '';
  if (given === '') return 'missing';
  const expected = Buffer.from(wooSignature(secret, rawBody), 'utf8');
  const candidate = Buffer.from(given, 'utf8');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected) ? null : 'mismatch';
}
