import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsRefusal } from './metrics-access';
import { callbackOutcome, pollOutcome, routeLabel, type RoutedRequest, statusClass } from './http-labels';

function request(fields: Partial<RoutedRequest> & { remote?: string; headers?: Record<string, string> }) {
  return {
    method: 'GET',
    url: '/',
    ...fields,
    headers: fields.headers ?? {},
    socket: { remoteAddress: fields.remote ?? '127.0.0.1' },
  } as unknown as RoutedRequest & IncomingMessage;
}

function response(status: number, contentLength: number | null, finished = true): ServerResponse {
  return {
    statusCode: status,
    writableFinished: finished,
    getHeader: (name: string) =>
      name === 'content-length' && contentLength !== null ? String(contentLength) : undefined,
  } as unknown as ServerResponse;
}

describe('route labels', () => {
  it('uses the matched template, and a fixed area for anything unmatched', () => {
    expect(
      routeLabel(request({ route: { path: '/gc/:token/order' }, originalUrl: '/gc/s3cret/order' })),
    ).toBe('/gc/:token/order');
    const unmatched = [
      { url: '/gc/s3cret/elsewhere?a=1', label: '/gc/*' },
      { url: '/api/v1/nope', label: '/api/*' },
      { url: '/metrics?x', label: '/metrics/*' },
      { url: '/assets/index.js', label: '/*' },
      { url: '/s3cret', label: '/*' },
    ];
    for (const { url, label } of unmatched) expect(routeLabel(request({ originalUrl: url }))).toBe(label);
  });

  it('reads the status class, or aborted when the answer never completed', () => {
    expect(statusClass(response(204, 0))).toBe('2xx');
    expect(statusClass(response(503, 0))).toBe('5xx');
    expect(statusClass(response(200, 10, false))).toBe('aborted');
  });
});

describe('printer outcomes', () => {
  it('tells an order from an empty poll by the body length', () => {
    expect(pollOutcome(response(200, 120))).toBe('order');
    expect(pollOutcome(response(206, 1024))).toBe('order');
    expect(pollOutcome(response(200, 0))).toBe('empty');
    expect(pollOutcome(response(404, 0))).toBe('unknown_token');
    expect(pollOutcome(response(429, 0))).toBe('rate_limited');
    expect(pollOutcome(response(416, 0))).toBe('error');
    expect(pollOutcome(response(200, 120, false))).toBe('error');
  });

  it('reads the decision from the query string or the form body', () => {
    const get = (url: string) => callbackOutcome(request({ originalUrl: url }), response(200, 2));
    expect(get('/gc/t/callback?a=1&o=12&ak=Accepted&dt=20:15')).toBe('accepted');
    expect(get('/gc/t/callback?o=12&ak=Rejected&m=busy')).toBe('rejected');
    expect(get('/gc/t/callback?o=12')).toBe('invalid');
    const post = request({ method: 'POST', originalUrl: '/gc/t/callback', body: 'o=12&ak=Rejected' });
    expect(callbackOutcome(post, response(200, 2))).toBe('rejected');
    expect(callbackOutcome(post, response(404, 0))).toBe('unknown_token');
  });
});

describe('metrics access', () => {
  const token = 'a-long-metrics-token';

  it('with a token: only the exact bearer token passes', () => {
    expect(metricsRefusal(request({ headers: { authorization: `Bearer ${token}` } }), token)).toBeNull();
    for (const authorization of [undefined, token, `Bearer ${token} x`, `Basic ${token}`, 'Bearer '])
      expect(
        metricsRefusal(request({ headers: authorization === undefined ? {} : { authorization } }), token)
          ?.status,
      ).toBe(401);
  });

  it('without a token: loopback peers only (IPv4, IPv6, IPv4-mapped), never through a proxy', () => {
    for (const remote of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])
      expect(metricsRefusal(request({ remote }), null)).toBeNull();
    for (const remote of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '203.0.113.9'])
      expect(metricsRefusal(request({ remote }), null)?.status).toBe(403);
    expect(metricsRefusal(request({ headers: { 'x-forwarded-for': '127.0.0.1' } }), null)?.status).toBe(403);
  });
});
