import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: 401 | 403;
  headers: Record<string, string>;
  message: string;
}

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Loopback as the TCP peer, not as any header claims (headers are the client's to write). */
function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/**
 * Who may read /metrics (tenant ids and volumes are not for the public internet):
 * - with METRICS_TOKEN set: anyone presenting `Authorization: Bearer <token>`, compared in
 *   constant time (both sides hashed first, so the length leaks nothing either);
 * - without it: only a client on this machine talking to the bridge directly. A request that
 *   carries a forwarding header came through a proxy, i.e. possibly from anywhere, and is refused.
 */
export function metricsRefusal(request: IncomingMessage, token: string | null): Refusal | null {
  if (token !== null) {
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (timingSafeEqual(digest(presented), digest(token))) return null;
    return {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
      message: 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"',
    };
  }
  const proxied = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
  if (!proxied && isLoopback(request.socket.remoteAddress)) return null;
  return {
    status: 403,
    headers: {},
    message: 'Metrics are only served to this machine; set METRICS_TOKEN to scrape from elsewhere',
  };
}
