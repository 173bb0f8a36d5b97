import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** One call to a webhook endpoint or a shop's API. */
export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Permit loopback/private/link-local addresses (self-hosting next to the shop, tests). */
  allowPrivate: boolean;
}

export interface OutboundResponse {
  statusCode: number;
  /** At most the first 64 KiB of the body, as text. */
  body: string;
  latencyMs: number;
}

export type OutboundFailure = 'invalid_url' | 'blocked_target' | 'timeout' | 'network';

export class OutboundError extends Error {
  constructor(
    readonly kind: OutboundFailure,
    message: string,
    readonly latencyMs = 0,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

const MAX_BODY = 64 * 1024;

/** Loopback, private, link-local (cloud metadata), CGNAT and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(ip)) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const lower = ip.toLowerCase();
  return (
    lower === '::' ||
    lower === '::1' ||
    lower.startsWith('fc') ||
    lower.startsWith('fd') ||
    lower.startsWith('fe80') ||
    lower.startsWith('ff')
  );
}

/** Why `raw` cannot be a delivery target, or null when it can (DNS is checked again at send time). */
export function targetProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not contain a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || (net.isIP(host) !== 0 && isPrivateAddress(host)))) {
    return 'points to a private or loopback address';
  }
  return null;
}

/** A DNS lookup that refuses private addresses, so a public name cannot be pointed inside. */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses;
      const allowed = allowPrivate ? list : list.filter((entry) => !isPrivateAddress(entry.address));
      if (allowed.length === 0) {
        const blocked = Object.assign(new Error(`${hostname} resolves to a private address`), {
          code: 'EBLOCKED',
        });
        return callback(blocked, '', 4);
      }
      if (options.all) return callback(null, allowed);
      const first = allowed[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Sends one request; resolves with any HTTP answer, rejects with an OutboundError otherwise. */
export function sendOutbound(request: OutboundRequest): Promise<OutboundResponse> {
  const problem = targetProblem(request.url, request.allowPrivate);
  if (problem) {
    const kind = problem.includes('private') ? 'blocked_target' : 'invalid_url';
    return Promise.reject(new OutboundError(kind, `The URL ${problem}`));
  }
  const url = new URL(request.url);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const transport = url.protocol === 'https:' ? https : http;
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: request.method,
        headers: {
          'User-Agent': 'GoodCom-Bridge',
          ...(body ? { 'Content-Length': String(body.length) } : {}),
          ...request.headers,
        },
        lookup: guardedLookup(request.allowPrivate),
        timeout: request.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            statusCode: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8'),
            latencyMs: elapsed(),
          }),
        );
        res.on('error', (error) => reject(new OutboundError('network', error.message, elapsed())));
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error('timeout')), request.timeoutMs);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (error: Error & { code?: string }) => {
      clearTimeout(deadline);
      if (error.message === 'timeout') {
        reject(new OutboundError('timeout', `No answer within ${request.timeoutMs} ms`, elapsed()));
      } else if (error.code === 'EBLOCKED') {
        reject(new OutboundError('blocked_target', error.message, elapsed()));
      } else {
        reject(new OutboundError('network', `${error.code ?? 'network error'}: ${error.message}`, elapsed()));
      }
    });
    req.end(body);
  });
}
