import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG, type Clock, CLOCK, LOGGER } from '../../infra/tokens';
import { WAITING } from '../order/order-lifecycle.service';
import type { OrderStatus } from '../order/order.entity';
import type { Printer } from '../printer/printer.entity';
import { isOnline, ONLINE_INTERVALS } from '../printer/printer.service';

// A record, so a new order status cannot be forgotten here (the compiler asks for it).
const STATUSES: Record<OrderStatus, true> = {
  queued: true,
  printing: true,
  completed: true,
  cancelled: true,
  skipped: true,
};
export const ORDER_STATUSES = Object.keys(STATUSES) as OrderStatus[];

export interface TenantQueue {
  tenantId: string;
  depth: number;
  /** When the longest-waiting order entered its printer's queue (epoch ms). */
  oldestQueuedAt: number | null;
}

/** What the database says right now; `null` when the queries failed. */
export interface DatabaseSnapshot {
  ordersByStatus: Map<string, number>;
  queues: TenantQueue[];
  printersOffline: number;
  printersOfflineWithOrders: number;
}

type Row = Record<string, string | number | null>;

/** One printer's share of the waiting orders. */
interface PrinterQueue {
  tenantId: string;
  lastPollAt: number | null;
  pollIntervalSeconds: number;
  deleted: boolean;
  depth: number;
  oldestQueuedAt: number | null;
}

// Plain SQL that SQLite and MySQL/MariaDB both accept. What each costs:
// - by status: one pass over a covering index (no table rows read), so it grows with the order
//   history; this is why the snapshot is cached;
// - waiting orders: driven by the (small) printers table, one index probe per printer on
//   idx_orders_queue (printerId, status = ?, queuedAt) per waiting status: finished orders are never
//   read (with `status IN (…)` MariaDB would probe on printerId alone and read them all);
// - offline printers: a scan of the printers table.
const ORDERS_BY_STATUS = 'SELECT o.status AS status, COUNT(*) AS n FROM orders o GROUP BY o.status';
const WAITING_BY_PRINTER = `SELECT p.id AS printerId, p.tenantId AS tenantId, p.lastPollAt AS lastPollAt,
    p.pollIntervalSeconds AS pollIntervalSeconds, p.deletedAt AS deletedAt,
    COUNT(*) AS depth, MIN(o.queuedAt) AS oldest
  FROM printers p JOIN orders o ON o.printerId = p.id AND o.status = ?
  GROUP BY p.id, p.tenantId, p.lastPollAt, p.pollIntervalSeconds, p.deletedAt`;
// Offline as the dashboard defines it (see isOnline): silent for more than three poll intervals.
// Printers that never polled are not counted here (not installed yet), only when orders wait.
const PRINTERS_OFFLINE = `SELECT COUNT(*) AS n FROM printers p
  WHERE p.deletedAt IS NULL AND p.lastPollAt IS NOT NULL
  AND p.lastPollAt < ? - p.pollIntervalSeconds * ${ONLINE_INTERVALS * 1000}`;

function numberOrNull(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** Adds one (printer, waiting status) row: a printer with queued and printing orders has two. */
function addWaiting(printers: Map<string, PrinterQueue>, row: Row): void {
  const id = String(row['printerId']);
  const depth = Number(row['depth']);
  const oldest = numberOrNull(row['oldest']);
  const known = printers.get(id);
  if (known) {
    known.depth += depth;
    known.oldestQueuedAt = earliest(known.oldestQueuedAt, oldest);
    return;
  }
  printers.set(id, {
    tenantId: String(row['tenantId']),
    lastPollAt: numberOrNull(row['lastPollAt']),
    pollIntervalSeconds: Number(row['pollIntervalSeconds']),
    deleted: row['deletedAt'] !== null,
    depth,
    oldestQueuedAt: oldest,
  });
}

/** Per tenant: how many orders wait and since when. */
function byTenant(printers: Iterable<PrinterQueue>): TenantQueue[] {
  const tenants = new Map<string, TenantQueue>();
  for (const printer of printers) {
    const tenant = tenants.get(printer.tenantId) ?? {
      tenantId: printer.tenantId,
      depth: 0,
      oldestQueuedAt: null,
    };
    tenant.depth += printer.depth;
    tenant.oldestQueuedAt = earliest(tenant.oldestQueuedAt, printer.oldestQueuedAt);
    tenants.set(printer.tenantId, tenant);
  }
  return [...tenants.values()];
}

/** The queue sweep's rule, live: a printer that is not online while orders wait for it. */
function offlineWithOrders(printers: Iterable<PrinterQueue>, now: number): number {
  let count = 0;
  for (const printer of printers) {
    // isOnline reads only these two fields; reusing it keeps one definition of "online".
    const state = { lastPollAt: printer.lastPollAt, pollIntervalSeconds: printer.pollIntervalSeconds };
    if (!printer.deleted && !isOnline(state as Printer, now)) count += 1;
  }
  return count;
}

/**
 * Reads the gauges' figures from the database at scrape time, reusing one result for
 * `METRICS_CACHE_SECONDS` and sharing one in-flight read between concurrent scrapes, so however
 * often /metrics is hit the database sees at most one round of these queries per window.
 */
@Injectable()
export class DatabaseSnapshots {
  private cached: { at: number; value: DatabaseSnapshot | null } | null = null;
  private inFlight: Promise<DatabaseSnapshot | null> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async current(): Promise<DatabaseSnapshot | null> {
    const now = this.clock.now();
    const ttl = this.config.metrics.cacheSeconds * 1000;
    if (this.cached && now - this.cached.at < ttl) return this.cached.value;
    this.inFlight ??= this.read(now).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async read(now: number): Promise<DatabaseSnapshot | null> {
    let value: DatabaseSnapshot | null;
    try {
      value = await this.query(now);
    } catch (error) {
      // A failed read is cached too: a database in trouble must not get a query per scrape.
      this.logger.warn({ err: error }, 'metrics: database gauges could not be read');
      value = null;
    }
    this.cached = { at: now, value };
    return value;
  }

  private async query(now: number): Promise<DatabaseSnapshot> {
    const byStatus: Row[] = await this.dataSource.query(ORDERS_BY_STATUS);
    const printers = new Map<string, PrinterQueue>();
    for (const status of WAITING) {
      const rows: Row[] = await this.dataSource.query(WAITING_BY_PRINTER, [status]);
      for (const row of rows) addWaiting(printers, row);
    }
    const [offline]: Row[] = await this.dataSource.query(PRINTERS_OFFLINE, [now]);
    const ordersByStatus = new Map<string, number>(ORDER_STATUSES.map((status) => [status, 0]));
    for (const row of byStatus) ordersByStatus.set(String(row['status']), Number(row['n']));
    return {
      ordersByStatus,
      queues: byTenant(printers.values()),
      printersOffline: Number(offline?.['n'] ?? 0),
      printersOfflineWithOrders: offlineWithOrders(printers.values(), now),
    };
  }
}
