const SECRET_KEY = /secret|password|passwd|token|api[-_]?key|authorization|order_key|card|iban|cvv|cvc/i;
/** Secrets carried in URLs inside the payload (`payment_url?…&key=wc_order_…`). */
const SECRET_PARAM = /([?&](?:key|token|secret|signature|api_key)=)[^&#\s"]*/gi;
const MAX_CAPTURE = 16_000;

function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_PARAM, '$1[redacted]');
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  // WooCommerce-style meta: [{ key: '_stripe_source_token', value: '…' }] hides the name in `key`.
  const metaKey = (value as { key?: unknown }).key;
  const secretMeta = typeof metaKey === 'string' && SECRET_KEY.test(metaKey);
  return Object.fromEntries(
    entries.map(([key, child]) => [
      key,
      SECRET_KEY.test(key) || (secretMeta && (key === 'value' || key === 'display_value'))
        ? '[redacted]'
        : redact(child),
    ]),
  );
}

/**
 * A shop's inbound body as kept for support (connection.lastPayload and the debug log): JSON with
 * every secret-looking field redacted, truncated so one huge order cannot fill the column.
 */
export function capturePayload(raw: Buffer | string): string {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  let safe: string;
  try {
    safe = JSON.stringify(redact(JSON.parse(text)), null, 1);
  } catch {
    safe = text.replace(/((?:secret|password|token|key)=)[^&\s]*/gi, '$1[redacted]');
  }
  return safe.length > MAX_CAPTURE ? `${safe.slice(0, MAX_CAPTURE)}… [truncated]` : safe;
}
