import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG, type Clock, CLOCK } from '../../infra/tokens';
import type { ChannelHandler, DeliveryOutcome } from './outbox-channel';
import type { OutboxChannel, OutboxMessage } from './outbox-message.entity';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxService } from './outbox.service';

const BATCH = 20;
/** A paused target's messages are looked at again this often (cheap: no attempt is counted). */
const PAUSED_RECHECK_MS = 60_000;

/**
 * Delivers due outbox messages on every instance. A message is sent only by the instance that
 * won its lease (a conditional UPDATE), so running several instances never double-sends an
 * attempt; a crash mid-send just lets the lease expire and the message goes out again.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly handlers = new Map<OutboxChannel, ChannelHandler>();
  private readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(handler: ChannelHandler): void {
    this.handlers.set(handler.channel, handler);
  }

  onApplicationBootstrap(): void {
    if (this.config.integrations.outboxIntervalMs > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.logger.error(`outbox tick failed: ${(error as Error).message}`))
        .then((more) => this.schedule(more === true ? 0 : this.config.integrations.outboxIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  /** One pass over due messages; true when there may be more waiting right away. */
  async tick(): Promise<boolean> {
    const now = this.clock.now();
    const due = await this.outbox.due(now, BATCH);
    // Only the first due message per (target, order) may go in one pass: order is kept.
    const seen = new Set<string>();
    const batch = due.filter((message) => {
      if (message.orderId === null) return true;
      const key = `${message.targetId}:${message.orderId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    await Promise.all(batch.map((message) => this.process(message)));
    return due.length === BATCH;
  }

  private async process(message: OutboxMessage): Promise<void> {
    const handler = this.handlers.get(message.channel);
    if (!handler) return;
    const now = this.clock.now();
    const leaseMs = this.config.integrations.timeoutMs * 2 + 30_000;
    if (!(await this.outbox.claim(message, this.owner, now, leaseMs))) return;
    const state = await handler.targetState(message.targetId);
    if (state === 'gone') {
      await this.outbox.abandon(message, this.owner, 'The target was deleted');
      return;
    }
    if (state === 'paused') {
      await this.outbox.postpone(message, this.owner, now + PAUSED_RECHECK_MS);
      return;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await handler.deliver(message);
    } catch (error) {
      outcome = {
        ok: false,
        statusCode: null,
        error: (error as Error).message,
        response: null,
        latencyMs: 0,
      };
    }
    const finished = this.clock.now();
    const status = await this.outbox.record(message, this.owner, outcome, finished);
    await handler.recordOutcome(message.targetId, outcome, finished, status === 'failed');
    this.metrics.deliveryAttempted(message.channel, outcome.ok);
    if (status === 'failed') this.metrics.webhookFailed(message.channel);
  }
}
