import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type Clock, CLOCK } from '../../infra/tokens';
import { DatabaseSnapshots, type DatabaseSnapshot } from './database-snapshot';
import {
  CALLBACK_ROUTE,
  type CallbackOutcome,
  callbackOutcome,
  methodLabel,
  POLL_ROUTE,
  type PollOutcome,
  pollOutcome,
  type RoutedRequest,
  routeLabel,
  statusClass,
} from './http-labels';

const POLL_OUTCOMES: PollOutcome[] = ['order', 'empty', 'unknown_token', 'rate_limited', 'error'];
const CALLBACK_OUTCOMES: CallbackOutcome[] = [
  'accepted',
  'rejected',
  'invalid',
  'unknown_token',
  'rate_limited',
  'error',
];
/** Printer polls answer in milliseconds; the upper buckets catch a struggling database. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The bridge's Prometheus metrics. Each app has its own registry (several bridges in one process,
 * as in the tests, never share counters). Counters move as requests finish; the database gauges
 * are filled from a cached snapshot just before each scrape is rendered.
 *
 * Other modules record through the public methods, e.g. `webhookFailed('webhook')`.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'route' | 'method' | 'status_class'>;
  private readonly polls: Counter<'outcome'>;
  private readonly callbacks: Counter<'outcome'>;
  private readonly webhookFailures: Counter<'channel'>;
  private readonly deliveryAttempts: Counter<'channel' | 'result'>;
  private readonly ordersByStatus: Gauge<'status'>;
  private readonly queueDepth: Gauge<'tenant'>;
  private readonly oldestWaiting: Gauge<'tenant'>;
  private readonly printersOffline: Gauge;
  private readonly printersOfflineWithOrders: Gauge;
  private readonly databaseUp: Gauge;

  constructor(
    private readonly snapshots: DatabaseSnapshots,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'gcb_http_request_duration_seconds',
      help: 'HTTP request duration by route template (never the raw path), method and status class',
      labelNames: ['route', 'method', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.polls = new Counter({
      name: 'gcb_printer_polls_total',
      help: 'Printer polls of the order URL by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.callbacks = new Counter({
      name: 'gcb_printer_callbacks_total',
      help: 'Printer callbacks by outcome (the decision the printer reported; repeats included)',
      labelNames: ['outcome'],
      registers,
    });
    this.webhookFailures = new Counter({
      name: 'gcb_webhook_deliveries_failed_total',
      help: 'Outbound deliveries (webhooks, shop status updates) that were given up as failed, by channel',
      labelNames: ['channel'],
      registers,
    });
    this.deliveryAttempts = new Counter({
      name: 'gcb_outbound_attempts_total',
      help: 'Outbound delivery attempts (webhooks, shop status updates) by channel and result (ok/failed)',
      labelNames: ['channel', 'result'],
      registers,
    });
    this.ordersByStatus = new Gauge({
      name: 'gcb_orders',
      help: 'Orders in the database by status',
      labelNames: ['status'],
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'gcb_queue_depth',
      help: 'Orders waiting (queued or printing) per tenant; tenants with an empty queue are absent',
      labelNames: ['tenant'],
      registers,
    });
    this.oldestWaiting = new Gauge({
      name: 'gcb_queue_oldest_waiting_seconds',
      help: "Age of each tenant's longest-waiting order, from when it entered its printer's queue",
      labelNames: ['tenant'],
      registers,
    });
    this.printersOffline = new Gauge({
      name: 'gcb_printers_offline',
      help: 'Printers that polled before but not within three of their poll intervals',
      registers,
    });
    this.printersOfflineWithOrders = new Gauge({
      name: 'gcb_printers_offline_with_waiting_orders',
      help: 'Printers not polling (or never polled) while orders wait for them',
      registers,
    });
    this.databaseUp = new Gauge({
      name: 'gcb_metrics_database_up',
      help: '1 when the database gauges were read successfully, 0 when the queries failed',
      registers,
    });
    for (const outcome of POLL_OUTCOMES) this.polls.inc({ outcome }, 0);
    for (const outcome of CALLBACK_OUTCOMES) this.callbacks.inc({ outcome }, 0);
  }

  /** A delivery to `channel` (`webhook`, `woocommerce`, `framework360`) was given up as failed. */
  webhookFailed(channel: string): void {
    this.webhookFailures.inc({ channel });
  }

  /** One attempt to deliver an outbox message, successful or not. */
  deliveryAttempted(channel: string, ok: boolean): void {
    this.deliveryAttempts.inc({ channel, result: ok ? 'ok' : 'failed' });
  }

  /** Called once per finished (or aborted) HTTP request by the server-level hook. */
  observeRequest(request: RoutedRequest, response: ServerResponse, seconds: number): void {
    const route = routeLabel(request);
    this.requestDuration.observe(
      { route, method: methodLabel(request.method), status_class: statusClass(response) },
      seconds,
    );
    if (route === POLL_ROUTE) this.polls.inc({ outcome: pollOutcome(response) });
    else if (route === CALLBACK_ROUTE) this.callbacks.inc({ outcome: callbackOutcome(request, response) });
  }

  /** The exposition text, with the database gauges brought up to date first. */
  async render(): Promise<string> {
    this.applySnapshot(await this.snapshots.current());
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private applySnapshot(snapshot: DatabaseSnapshot | null): void {
    // Reset first: a tenant whose queue drained must disappear, and figures from a failed read
    // must not linger (gcb_metrics_database_up says the gauges are unknown then).
    for (const gauge of [
      this.ordersByStatus,
      this.queueDepth,
      this.oldestWaiting,
      this.printersOffline,
      this.printersOfflineWithOrders,
    ])
      gauge.reset();
    this.databaseUp.set(snapshot === null ? 0 : 1);
    if (snapshot === null) return;
    const now = this.clock.now();
    for (const [status, count] of snapshot.ordersByStatus) this.ordersByStatus.set({ status }, count);
    for (const queue of snapshot.queues) {
      this.queueDepth.set({ tenant: queue.tenantId }, queue.depth);
      if (queue.oldestQueuedAt !== null)
        this.oldestWaiting.set({ tenant: queue.tenantId }, Math.max(0, (now - queue.oldestQueuedAt) / 1000));
    }
    this.printersOffline.set(snapshot.printersOffline);
    this.printersOfflineWithOrders.set(snapshot.printersOfflineWithOrders);
  }
}
