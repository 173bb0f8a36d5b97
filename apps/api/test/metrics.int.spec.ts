import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/infra/config/app-config';
import { MetricsService } from '../src/modules/metrics/metrics.service';
import {
  callback,
  createApiKey,
  createPrinter,
  DIALECTS,
  http,
  orderBody,
  poll,
  signup,
  startServer,
  type TestServer,
  wireOrderId,
} from './harness';

/** One sample's value from Prometheus text, matched on its exact label set; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    const wanted = Object.entries(labels);
    if (wanted.length === Object.keys(found).length && wanted.every(([key, value]) => found[key] === value))
      return Number(match[3]);
  }
  return undefined;
}

const CACHE_MS = 5_000;

async function scrape(server: TestServer): Promise<string> {
  const res = await http(server, 'GET', '/metrics');
  expect(res.status).toBe(200);
  return res.text;
}

/** Moves past the gauges' cache window, then scrapes. */
async function freshScrape(server: TestServer): Promise<string> {
  server.clock.advance(CACHE_MS + 1);
  return scrape(server);
}

function tokenOf(url: string): string {
  return /\/gc\/([^/]+)\//.exec(url)?.[1] ?? '';
}

describe.each(DIALECTS)('Prometheus metrics on %s', (dialect) => {
  describe('what a day at the printer edge adds up to', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer(dialect, { UNKNOWN_TOKEN_ATTEMPTS_PER_MINUTE: '5' });
    });

    afterAll(async () => {
      await server.stop();
    });

    it('counts polls, callbacks and requests, fills the gauges from the database, and never shows a token', async () => {
      const start = await scrape(server);
      for (const outcome of ['order', 'empty', 'unknown_token', 'rate_limited', 'error'])
        expect(sample(start, 'gcb_printer_polls_total', { outcome })).toBe(0);
      for (const status of ['queued', 'printing', 'completed', 'cancelled', 'skipped'])
        expect(sample(start, 'gcb_orders', { status })).toBe(0);
      expect(sample(start, 'gcb_printers_offline')).toBe(0);
      expect(sample(start, 'gcb_metrics_database_up')).toBe(1);
      expect(start).not.toMatch(/^gcb_queue_depth\{/m);
      // Default process metrics come along.
      expect(sample(start, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(start).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(start).toMatch(/^nodejs_eventloop_lag_seconds \d/m);

      const owner = await signup(server, 'Trattoria');
      const printer = await createPrinter(server, owner);
      const apiKey = await createApiKey(server, owner);
      const strangerToken = 'Zz9-not-a-real-token-Zz9-not-a-real';

      expect((await poll(server, printer.pollUrl)).text).toBe('');
      expect((await poll(server, printer.pollUrl)).text).toBe('');
      expect((await poll(server, `${server.baseUrl}/gc/${strangerToken}/order`)).status).toBe(404);

      const created = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('m-1') });
      expect(created.status).toBe(201);

      // Gauges are cached: the new order shows only once the cache window has passed.
      expect(sample(await scrape(server), 'gcb_orders', { status: 'queued' })).toBe(0);
      const queued = await freshScrape(server);
      expect(sample(queued, 'gcb_orders', { status: 'queued' })).toBe(1);
      expect(sample(queued, 'gcb_queue_depth', { tenant: owner.tenantId })).toBe(1);
      const age = sample(queued, 'gcb_queue_oldest_waiting_seconds', { tenant: owner.tenantId })!;
      expect(age).toBeGreaterThanOrEqual((CACHE_MS + 1) / 1000);
      expect(age).toBeLessThan(CACHE_MS / 1000 + 60);

      const served = await poll(server, printer.pollUrl);
      expect(wireOrderId(served.text)).toBe(String(created.body.number));
      expect((await poll(server, printer.pollUrl)).text).toBe(served.text);
      const printing = await freshScrape(server);
      expect(sample(printing, 'gcb_orders', { status: 'queued' })).toBe(0);
      expect(sample(printing, 'gcb_orders', { status: 'printing' })).toBe(1);
      expect(sample(printing, 'gcb_queue_depth', { tenant: owner.tenantId })).toBe(1);

      const orderNo = wireOrderId(served.text);
      expect(
        (await callback(server, printer.callbackUrl, { o: orderNo, ak: 'Accepted', dt: '20:15' })).text,
      ).toBe('OK');
      expect((await callback(server, printer.callbackUrl, { o: orderNo })).status).toBe(200);
      const strangerCallback = `${server.baseUrl}/gc/${strangerToken}/callback`;
      expect((await callback(server, strangerCallback, { o: orderNo, ak: 'Rejected' })).status).toBe(404);

      const answered = await freshScrape(server);
      expect(sample(answered, 'gcb_orders', { status: 'completed' })).toBe(1);
      expect(sample(answered, 'gcb_orders', { status: 'printing' })).toBe(0);
      expect(answered).not.toMatch(/^gcb_queue_depth\{/m);
      expect(answered).not.toMatch(/^gcb_queue_oldest_waiting_seconds\{/m);
      expect(sample(answered, 'gcb_printer_polls_total', { outcome: 'empty' })).toBe(2);
      expect(sample(answered, 'gcb_printer_polls_total', { outcome: 'order' })).toBe(2);
      expect(sample(answered, 'gcb_printer_polls_total', { outcome: 'unknown_token' })).toBe(1);
      expect(sample(answered, 'gcb_printer_callbacks_total', { outcome: 'accepted' })).toBe(1);
      expect(sample(answered, 'gcb_printer_callbacks_total', { outcome: 'invalid' })).toBe(1);
      expect(sample(answered, 'gcb_printer_callbacks_total', { outcome: 'rejected' })).toBe(0);
      expect(sample(answered, 'gcb_printer_callbacks_total', { outcome: 'unknown_token' })).toBe(1);
      const pollRoute = { route: '/gc/:token/order', method: 'GET' };
      expect(
        sample(answered, 'gcb_http_request_duration_seconds_count', { ...pollRoute, status_class: '2xx' }),
      ).toBe(4);
      expect(
        sample(answered, 'gcb_http_request_duration_seconds_count', { ...pollRoute, status_class: '4xx' }),
      ).toBe(1);
      expect(
        sample(answered, 'gcb_http_request_duration_seconds_count', {
          route: '/api/v1/orders',
          method: 'POST',
          status_class: '2xx',
        }),
      ).toBe(1);

      // Guessing tokens: two misses so far (a poll and a callback); the limit is five a minute.
      for (let i = 0; i < 3; i += 1)
        expect((await poll(server, `${server.baseUrl}/gc/${strangerToken}${i}/order`)).status).toBe(404);
      expect((await poll(server, `${server.baseUrl}/gc/${strangerToken}/order`)).status).toBe(429);
      const limited = await scrape(server);
      expect(sample(limited, 'gcb_printer_polls_total', { outcome: 'unknown_token' })).toBe(4);
      expect(sample(limited, 'gcb_printer_polls_total', { outcome: 'rate_limited' })).toBe(1);

      // Nothing secret is ever a label: no printer token, no guessed token, no API key.
      for (const text of [queued, printing, answered, limited]) {
        expect(text).not.toContain(tokenOf(printer.pollUrl));
        expect(text).not.toContain(strangerToken);
        expect(text).not.toContain(apiKey);
        expect(text).not.toContain(owner.token);
      }
    });

    it('tells offline printers from never-installed ones, per tenant', async () => {
      // The first test's printer has been silent for three poll intervals (10 s each): offline,
      // but with nothing waiting for it.
      server.clock.advance(30_000);
      const before = await freshScrape(server);
      expect(sample(before, 'gcb_printers_offline')).toBe(1);
      expect(sample(before, 'gcb_printers_offline_with_waiting_orders')).toBe(0);
      const completedBefore = sample(before, 'gcb_orders', { status: 'completed' })!;

      // A: polled once, then went silent with an order waiting. B: never polled, an order waits.
      const ownerA = await signup(server, 'Silent');
      const printerA = await createPrinter(server, ownerA);
      const keyA = await createApiKey(server, ownerA);
      const ownerB = await signup(server, 'Not installed');
      await createPrinter(server, ownerB);
      const keyB = await createApiKey(server, ownerB);
      expect((await poll(server, printerA.pollUrl)).status).toBe(200);
      for (const [apiKey, externalId] of [
        [keyA, 'a-1'],
        [keyA, 'a-2'],
        [keyB, 'b-1'],
      ] as const)
        expect(
          (await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody(externalId) })).status,
        ).toBe(201);

      const fresh = await freshScrape(server);
      expect(sample(fresh, 'gcb_printers_offline')).toBe(1);
      expect(sample(fresh, 'gcb_printers_offline_with_waiting_orders')).toBe(1);
      expect(sample(fresh, 'gcb_queue_depth', { tenant: ownerA.tenantId })).toBe(2);
      expect(sample(fresh, 'gcb_queue_depth', { tenant: ownerB.tenantId })).toBe(1);
      expect(sample(fresh, 'gcb_orders', { status: 'queued' })).toBe(3);
      expect(sample(fresh, 'gcb_orders', { status: 'completed' })).toBe(completedBefore);

      // Three poll intervals of silence: A is offline too, with orders waiting like B's.
      server.clock.advance(30_000);
      const silent = await freshScrape(server);
      expect(sample(silent, 'gcb_printers_offline')).toBe(2);
      expect(sample(silent, 'gcb_printers_offline_with_waiting_orders')).toBe(2);
      expect(sample(silent, 'gcb_queue_oldest_waiting_seconds', { tenant: ownerA.tenantId })).toBeGreaterThan(
        35,
      );
    });

    it('offers other modules a counter for failed webhook deliveries', async () => {
      const metrics = server.bridge.app.get(MetricsService);
      metrics.webhookFailed('webhook');
      metrics.webhookFailed('webhook');
      metrics.webhookFailed('woocommerce');
      const text = await scrape(server);
      expect(sample(text, 'gcb_webhook_deliveries_failed_total', { channel: 'webhook' })).toBe(2);
      expect(sample(text, 'gcb_webhook_deliveries_failed_total', { channel: 'woocommerce' })).toBe(1);
    });

    it('still answers when the database queries fail, and says so instead of showing stale figures', async () => {
      const db = server.bridge.dataSource;
      await db.query('ALTER TABLE orders RENAME TO orders_parked');
      try {
        const broken = await freshScrape(server);
        expect(sample(broken, 'gcb_metrics_database_up')).toBe(0);
        expect(broken).not.toMatch(/^gcb_orders\{/m);
        expect(broken).not.toMatch(/^gcb_queue_depth\{/m);
        expect(sample(broken, 'gcb_printer_polls_total', { outcome: 'order' })).toBe(2);
      } finally {
        await db.query('ALTER TABLE orders_parked RENAME TO orders');
      }
      const healed = await freshScrape(server);
      expect(sample(healed, 'gcb_metrics_database_up')).toBe(1);
      expect(sample(healed, 'gcb_orders', { status: 'queued' })).toBe(3);
    });

    it('without METRICS_TOKEN serves this machine only, never a proxied request', async () => {
      const local = await http(server, 'GET', '/metrics');
      expect(local.status).toBe(200);
      expect(local.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(local.headers.get('cache-control')).toBe('no-store');
      for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
        const proxied = await http(server, 'GET', '/metrics', { headers: { [header]: '203.0.113.9' } });
        expect(proxied.status).toBe(403);
        expect(proxied.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(proxied.text).toMatch(/METRICS_TOKEN/);
        expect(proxied.text).not.toMatch(/gcb_/);
      }
    });
  });

  describe('with METRICS_TOKEN and a dashboard', () => {
    const metricsToken = 'scrape-me-7f3a9c1e5b2d4f60';
    let server: TestServer;
    let dashboard: string;

    beforeAll(async () => {
      dashboard = fs.mkdtempSync(path.join(os.tmpdir(), 'gcb-dash-'));
      fs.writeFileSync(path.join(dashboard, 'index.html'), '<!doctype html><title>dashboard</title>');
      server = await startServer(dialect, { METRICS_TOKEN: metricsToken, DASHBOARD_DIR: dashboard });
    });

    afterAll(async () => {
      await server.stop();
      fs.rmSync(dashboard, { recursive: true, force: true });
    });

    it('requires the bearer token, from anywhere, and answers refusals in plain text', async () => {
      const owner = await signup(server);
      const attempts: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${metricsToken.slice(0, -1)}` },
        { authorization: `Bearer ${metricsToken}x` },
        { authorization: metricsToken },
        { authorization: `Bearer ${owner.token}` },
      ];
      for (const headers of attempts) {
        const res = await http(server, 'GET', '/metrics', { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        expect(res.text).not.toMatch(/gcb_/);
        expect(res.body).toBeUndefined();
      }
      const ok = await http(server, 'GET', '/metrics', {
        headers: { authorization: `Bearer ${metricsToken}`, 'x-forwarded-for': '203.0.113.9' },
      });
      expect(ok.status).toBe(200);
      expect(sample(ok.text, 'gcb_printer_polls_total', { outcome: 'order' })).toBe(0);
    });

    it('is not swallowed by the dashboard, even when the scraper accepts HTML', async () => {
      expect((await http(server, 'GET', '/', { headers: { accept: 'text/html' } })).text).toMatch(
        /dashboard/,
      );
      const res = await http(server, 'GET', '/metrics', {
        headers: { authorization: `Bearer ${metricsToken}`, accept: 'text/html,*/*;q=0.1' },
      });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^# HELP /m);
    });

    it('keeps its own counters: two bridges in one process do not share a registry', async () => {
      const text = (
        await http(server, 'GET', '/metrics', { headers: { authorization: `Bearer ${metricsToken}` } })
      ).text;
      expect(sample(text, 'gcb_webhook_deliveries_failed_total', { channel: 'webhook' })).toBeUndefined();
      expect(sample(text, 'gcb_printer_polls_total', { outcome: 'empty' })).toBe(0);
    });
  });

  it('refuses a short METRICS_TOKEN at start', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
