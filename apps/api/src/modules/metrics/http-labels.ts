import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCallback } from '@goodcom/protocol';

/** The printer edge's route templates, as Nest registers them with Express. */
export const POLL_ROUTE = '/gc/:token/order';
export const CALLBACK_ROUTE = '/gc/:token/callback';

export type PollOutcome = 'order' | 'empty' | 'unknown_token' | 'rate_limited' | 'error';
export type CallbackOutcome =
  'accepted' | 'rejected' | 'invalid' | 'unknown_token' | 'rate_limited' | 'error';

/** What Express leaves on the request once a route matched (`req.route`), plus the parsed body. */
export interface RoutedRequest extends IncomingMessage {
  route?: { path?: unknown };
  originalUrl?: string;
  body?: unknown;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const AREAS = ['api', 'gc', 'health', 'ready', 'metrics'];

/**
 * The label for a request's route: the matched template (`/gc/:token/order`, never the token), or,
 * when nothing matched (404s, static dashboard files, body-parser rejections), a fixed area such as
 * `/api/*`. Raw paths are never used: they hold secrets and would explode the series count.
 */
export function routeLabel(request: RoutedRequest): string {
  const template = request.route?.path;
  if (typeof template === 'string') return template;
  const first = (request.originalUrl ?? request.url ?? '').split(/[/?]/, 2)[1] ?? '';
  return AREAS.includes(first) ? `/${first}/*` : '/*';
}

export function methodLabel(method: string | undefined): string {
  return method !== undefined && METHODS.has(method) ? method : 'OTHER';
}

/** `2xx`…`5xx`; `aborted` when the client went away before the answer was complete. */
export function statusClass(response: ServerResponse): string {
  if (!response.writableFinished) return 'aborted';
  return `${Math.floor(response.statusCode / 100)}xx`;
}

function bodyLength(response: ServerResponse): number {
  return Number(response.getHeader('content-length') ?? 0);
}

/** A poll's outcome read from its answer: an order has a body, "nothing to print" is an empty 200. */
export function pollOutcome(response: ServerResponse): PollOutcome {
  if (!response.writableFinished) return 'error';
  const status = response.statusCode;
  if (status === 404) return 'unknown_token';
  if (status === 429) return 'rate_limited';
  if (status === 200 || status === 206) return bodyLength(response) > 0 ? 'order' : 'empty';
  return 'error';
}

/**
 * A callback's outcome: a known printer always gets 200 (see the callback service), so the decision
 * is read from the same parameters the service parsed — the query string and the raw text body.
 */
export function callbackOutcome(request: RoutedRequest, response: ServerResponse): CallbackOutcome {
  if (!response.writableFinished) return 'error';
  const status = response.statusCode;
  if (status === 404) return 'unknown_token';
  if (status === 429) return 'rate_limited';
  if (status !== 200) return 'error';
  const url = request.originalUrl ?? request.url ?? '';
  const mark = url.indexOf('?');
  const query = mark === -1 ? '' : url.slice(mark + 1);
  const body = typeof request.body === 'string' ? request.body : '';
  const parsed = parseCallback([query, body].filter((part) => part !== '').join('&'));
  return parsed.ok ? parsed.value.outcome : 'invalid';
}
