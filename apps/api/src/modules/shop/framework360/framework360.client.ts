import { OutboundError, sendOutbound } from '../../../infra/http/outbound';
import type { AdapterContext } from '../shop-adapter';
import { shopError } from './framework360.mapping';

/** A Framework360 API call that did not give a usable answer. Never carries the API key. */
export class Framework360ApiError extends Error {
  constructor(
    readonly action: string,
    readonly statusCode: number | null,
    message: string,
    readonly response: string | null,
    readonly latencyMs: number,
  ) {
    super(message);
    this.name = 'Framework360ApiError';
  }
}

export interface ApiAnswer {
  statusCode: number;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: unknown;
  text: string;
  latencyMs: number;
}

/**
 * The API base from the connection's siteUrl: `https://site/m/api/` as documented. A bare site
 * address (`https://site`) gets `/m/api/` appended, so either can be pasted.
 */
export function apiBase(siteUrl: string): string {
  const url = new URL(siteUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${/\/m\/api$/i.test(path) ? path : `${path}/m/api`}/`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

function parse(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Short, key-free description of a failed answer: `HTTP 401 (invalid_key)`. */
function describe(answer: ApiAnswer): string {
  const reason =
    shopError(answer.body) ?? (answer.body === undefined ? answer.text.slice(0, 120).trim() : '');
  return `HTTP ${answer.statusCode}${reason ? ` (${reason})` : ''}`;
}

/** Calls `<base>/<resource>/<action>` with the connection's `X-Fw360-Key`, via the guarded outbound client. */
export class Framework360Client {
  private readonly base: string;

  constructor(private readonly context: AdapterContext) {
    this.base = apiBase(context.connection.siteUrl);
  }

  /** One request; any HTTP answer is returned, transport failures throw Framework360ApiError. */
  async send(method: 'GET' | 'POST', action: string, params: [string, string][] = []): Promise<ApiAnswer> {
    const apiKey = this.context.credentials.apiKey;
    if (!apiKey) throw new Framework360ApiError(action, null, `${action}: no API key is configured`, null, 0);
    const url = new URL(action, this.base);
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Fw360-Key': apiKey };
    let body: string | undefined;
    if (method === 'GET') {
      for (const [name, value] of params) url.searchParams.append(name, value);
    } else {
      // JSON, as the public client code for this API sends (form bodies are accepted there too).
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(Object.fromEntries(params));
    }
    try {
      const response = await sendOutbound({
        method,
        url: url.toString(),
        headers,
        ...(body !== undefined ? { body } : {}),
        timeoutMs: this.context.timeoutMs,
        allowPrivate: this.context.allowPrivateTargets,
      });
      return { ...response, text: response.body, body: parse(response.body) };
    } catch (error) {
      const failure =
        error instanceof OutboundError ? error : new OutboundError('network', (error as Error).message);
      throw new Framework360ApiError(action, null, `${action}: ${failure.message}`, null, failure.latencyMs);
    }
  }

  /** A GET whose answer must be a 2xx JSON body without an `error`: returns the parsed body. */
  async get(action: string, params: [string, string][] = []): Promise<unknown> {
    const answer = await this.send('GET', action, params);
    const ok = answer.statusCode >= 200 && answer.statusCode < 300;
    if (!ok || answer.body === undefined || shopError(answer.body) !== null) {
      const problem = answer.body === undefined && ok ? 'the answer is not JSON' : describe(answer);
      throw new Framework360ApiError(
        action,
        answer.statusCode,
        `${action}: ${problem}`,
        answer.text,
        answer.latencyMs,
      );
    }
    return answer.body;
  }
}

export { describe as describeAnswer };
