// A deliberately small HTTP/1.1 client written over a plain socket. Real GoodCom firmware writes
// its requests by hand (absolute-form request lines, unencoded spaces in the query) and judges a
// callback by the literal status line; node:http and fetch can do neither, so we don't use them.
import net from 'node:net';
import tls from 'node:tls';

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Where to connect (scheme, host, port). */
  url: URL;
  /** The request-target written verbatim after the method: `/path?q` or `http://host/path?q`. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RawResponse {
  /** The first line exactly as received, e.g. `HTTP/1.1 200 OK`. */
  statusLine: string;
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Builds `a=1&u=x` in the given order. `raw` writes values untouched, like the firmware does;
 *  otherwise values are percent-encoded, except `:` (legal in a query, and `dt=17:10` is what
 *  servers are used to seeing). */
export function buildQuery(params: ReadonlyArray<readonly [string, string]>, raw: boolean): string {
  const encode = (value: string): string => encodeURIComponent(value).replace(/%3A/g, ':');
  return params.map(([k, v]) => `${k}=${raw ? v : encode(v)}`).join('&');
}

/** Appends a query the way the firmware does: `&` when the URL already has a `?`, else `?`. */
export function appendQuery(target: string, query: string): string {
  if (!target.includes('?')) return `${target}?${query}`;
  return target.endsWith('?') || target.endsWith('&') ? target + query : `${target}&${query}`;
}

/** The request-target for a configured URL plus our query, in origin or absolute form. */
export function requestTarget(url: URL, query: string | null, absoluteForm: boolean): string {
  const path = url.pathname + url.search;
  const withQuery = query === null ? path : appendQuery(path, query);
  return absoluteForm ? `${url.protocol}//${url.host}${withQuery}` : withQuery;
}

export function sendRequest(req: RawRequest): Promise<RawResponse> {
  const { url } = req;
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') {
    return Promise.reject(new Error(`unsupported URL scheme ${url.protocol}`));
  }
  const port = Number(url.port) || (secure ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const body = req.body === undefined ? null : Buffer.from(req.body, 'utf8');
  const lines = [`${req.method} ${req.target} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(req.headers ?? {})) lines.push(`${name}: ${value}`);
  if (body) lines.push(`Content-Length: ${body.length}`);
  lines.push('Connection: close', '', '');
  const head = Buffer.from(lines.join('\r\n'), 'utf8');

  return new Promise<RawResponse>((resolve, reject) => {
    if (req.signal?.aborted) return reject(new AbortedError());
    const socket = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | null, res?: RawResponse): void => {
      if (settled) return;
      settled = true;
      req.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else if (res) resolve(res);
    };
    const onAbort = (): void => finish(new AbortedError());
    req.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(req.timeoutMs, () => finish(new Error(`no response within ${req.timeoutMs} ms`)));
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      socket.write(body ? Buffer.concat([head, body]) : head);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      tryFinish(false);
    });
    socket.on('end', () => tryFinish(true));
    socket.on('close', () => tryFinish(true));
    socket.on('error', (err: Error) => finish(err));

    function tryFinish(ended: boolean): void {
      if (settled) return;
      try {
        const res = parseResponse(received, ended, req.method);
        if (res) finish(null, res);
        else if (ended) finish(new Error('connection closed before a complete response'));
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    }
  });
}

export class AbortedError extends Error {
  constructor() {
    super('request aborted');
    this.name = 'AbortedError';
  }
}

/** Parses a complete response from `buf`, or returns null when more bytes are needed. */
export function parseResponse(buf: Buffer, ended: boolean, method = 'GET'): RawResponse | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...headerLines] = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const match = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine);
  if (!match) throw new Error(`malformed status line: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const status = Number(match[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = buf.subarray(headEnd + 4);
  const done = (body: Buffer): RawResponse => ({ statusLine, status, headers, body });

  if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)) {
    return done(Buffer.alloc(0));
  }
  if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) {
    const body = decodeChunked(rest);
    return body ? done(body) : null;
  }
  const length = headers['content-length'];
  if (length !== undefined) {
    const n = Number(length);
    return rest.length >= n ? done(rest.subarray(0, n)) : null;
  }
  return ended ? done(rest) : null;
}

/** Decodes a chunked body, or returns null if the terminating zero-size chunk hasn't arrived. */
function decodeChunked(buf: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunked body');
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (buf.length < start + size + 2) return null;
    parts.push(buf.subarray(start, start + size));
    pos = start + size + 2;
  }
}
