// A small keep-alive HTTP client: timing one request with fetch would mostly time fetch itself.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Wall time from sending to the last byte, in milliseconds. */
  ms: number;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${options.method ?? 'GET'} ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A session token (dashboard user) or an API key (shop). */
export type Credentials = { session: string } | { apiKey: string } | null;

/** JSON call that must answer `expected`; returns the parsed body. */
export async function json<T>(
  url: string,
  method: string,
  body: unknown,
  auth: Credentials,
  expected: number[] = [200, 201],
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth !== null && 'session' in auth) headers['authorization'] = `Bearer ${auth.session}`;
  if (auth !== null && 'apiKey' in auth) headers['x-api-key'] = auth.apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const answer = await request(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!expected.includes(answer.status)) {
    throw new Error(
      `${method} ${new URL(url).pathname} answered ${answer.status}: ${answer.text.slice(0, 300)}`,
    );
  }
  return (answer.text === '' ? undefined : JSON.parse(answer.text)) as T;
}

export function closeIdleSockets(): void {
  agent.destroy();
}
