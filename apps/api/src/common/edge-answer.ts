import type { Request, Response } from 'express';

/** What a printer gets back: never JSON, always a protocol answer. */
export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export const EMPTY_BODY = Buffer.alloc(0);
export const NOT_FOUND_ANSWER: EdgeAnswer = { status: 404, headers: {}, body: EMPTY_BODY };
export const TOO_MANY_ANSWER: EdgeAnswer = {
  status: 429,
  headers: { 'Retry-After': '60' },
  body: EMPTY_BODY,
};

/**
 * `closeAfter`: after an order, the printer's next request is its callback, which some firmware
 * sends with raw spaces; on a fresh connection the front socket can repair that request line.
 */
export function sendEdgeAnswer(response: Response, answer: EdgeAnswer, closeAfter: boolean): void {
  response.status(answer.status);
  response.set({
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...answer.headers,
    'Content-Length': String(answer.body.length),
  });
  if (closeAfter) response.set('Connection', 'close');
  response.end(answer.body);
}

export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
