import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, LessThan, type Repository } from 'typeorm';
import type { DeliveryAttemptView, DeliveryDetail, DeliveryView } from '@shared/types';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { DomainError, notFound } from '../../common/domain-error';
import type { AppConfig } from '../../infra/config/app-config';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { APP_CONFIG, type Clock, CLOCK } from '../../infra/tokens';
import { OutboxAttempt } from './outbox-attempt.entity';
import { type DeliveryOutcome, describeFailure } from './outbox-channel';
import { type OutboxChannel, OutboxMessage, type OutboxStatus } from './outbox-message.entity';
import { isExhausted, nextDelayMs } from './retry-policy';

export interface NewOutboxMessage {
  tenantId: string;
  channel: OutboxChannel;
  targetId: string;
  orderId: string | null;
  event: string;
  payload: unknown;
}

export interface DeliveryListQuery {
  status?: OutboxStatus;
  limit?: number;
  /** Message id to page before (newest first). */
  before?: number;
}

/** Biggest payload stored: MySQL TEXT holds 64 KiB; orders are far smaller in practice. */
const MAX_PAYLOAD_BYTES = 60_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function deliveryView(message: OutboxMessage): DeliveryView {
  return {
    id: message.id,
    channel: message.channel,
    targetId: message.targetId,
    orderId: message.orderId,
    event: message.event,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.status === 'pending' ? iso(message.nextAttemptAt) : null,
    lastAttemptAt: iso(message.lastAttemptAt),
    lastStatusCode: message.lastStatusCode,
    lastError: message.lastError,
    createdAt: iso(message.createdAt)!,
    deliveredAt: iso(message.deliveredAt),
  };
}

function attemptView(attempt: OutboxAttempt): DeliveryAttemptView {
  return {
    id: attempt.id,
    at: iso(attempt.at)!,
    ok: attempt.ok,
    statusCode: attempt.statusCode,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
    response: attempt.response,
  };
}

/** The durable outbox: stores messages, hands out leases, records attempts and retries. */
@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    @InjectRepository(OutboxAttempt) private readonly attempts: Repository<OutboxAttempt>,
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get windowMs(): number {
    return this.config.integrations.retryHours * 3_600_000;
  }

  /** Inside the caller's transaction: the message exists if and only if the change commits. */
  async enqueue(manager: EntityManager, message: NewOutboxMessage): Promise<void> {
    let payload = JSON.stringify(message.payload);
    if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) {
      payload = JSON.stringify({ event: message.event, orderId: message.orderId, truncated: true });
    }
    const now = this.clock.now();
    await manager.insert(OutboxMessage, {
      tenantId: message.tenantId,
      channel: message.channel,
      targetId: message.targetId,
      orderId: message.orderId,
      event: message.event,
      payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
  }

  /**
   * Messages due now, oldest first, skipping any message whose target still has an earlier
   * pending message for the same order (so one order's events arrive in order).
   */
  due(now: number, limit: number): Promise<OutboxMessage[]> {
    return this.messages
      .createQueryBuilder('m')
      .where('m.status = :pending', { pending: 'pending' })
      .andWhere('m.nextAttemptAt <= :now', { now })
      .andWhere('(m.leaseUntil IS NULL OR m.leaseUntil < :now)', { now })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM outbox_messages p WHERE p.targetId = m.targetId AND p.orderId = m.orderId
          AND p.status = 'pending' AND p.id < m.id)`,
      )
      .orderBy('m.nextAttemptAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Takes the lease on a message; false when another instance (or loop) got it first. */
  claim(message: OutboxMessage, owner: string, now: number, leaseMs: number): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ leaseOwner: owner, leaseUntil: now + leaseMs })
        .where('id = :id AND status = :pending AND (leaseUntil IS NULL OR leaseUntil < :now)', {
          id: message.id,
          pending: 'pending',
          now,
        })
        .execute();
      return result.affected === 1;
    });
  }

  /** Gives a claimed message back without counting an attempt (its target is paused). */
  async postpone(message: OutboxMessage, owner: string, until: number): Promise<void> {
    await this.tx.run((manager) =>
      manager.update(
        OutboxMessage,
        { id: message.id, leaseOwner: owner },
        { leaseOwner: null, leaseUntil: null, nextAttemptAt: until },
      ),
    );
  }

  /** Stores the attempt and moves the message on: delivered, retried later, or failed for good. */
  async record(
    message: OutboxMessage,
    owner: string,
    outcome: DeliveryOutcome,
    now: number,
  ): Promise<OutboxStatus> {
    const attempts = message.attempts + 1;
    const error = outcome.ok ? null : describeFailure(outcome).slice(0, 500);
    return this.tx.run(async (manager) => {
      await manager.insert(OutboxAttempt, {
        messageId: message.id,
        tenantId: message.tenantId,
        targetId: message.targetId,
        at: now,
        ok: outcome.ok,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        error,
        response: outcome.response?.slice(0, 500) ?? null,
      });
      const status: OutboxStatus = outcome.ok
        ? 'delivered'
        : isExhausted(message.createdAt, now, this.windowMs)
          ? 'failed'
          : 'pending';
      await manager.update(
        OutboxMessage,
        { id: message.id, leaseOwner: owner },
        {
          status,
          attempts,
          lastAttemptAt: now,
          lastStatusCode: outcome.statusCode,
          lastError: error,
          leaseOwner: null,
          leaseUntil: null,
          nextAttemptAt: status === 'pending' ? now + nextDelayMs(attempts) : message.nextAttemptAt,
          deliveredAt: outcome.ok ? now : null,
        },
      );
      return status;
    });
  }

  /** The target was deleted: nothing will ever deliver this. */
  async abandon(message: OutboxMessage, owner: string, reason: string): Promise<void> {
    await this.tx.run((manager) =>
      manager.update(
        OutboxMessage,
        { id: message.id, leaseOwner: owner },
        { status: 'failed', lastError: reason, leaseOwner: null, leaseUntil: null },
      ),
    );
  }

  /** After a target is enabled again, its waiting messages go out at once. */
  async resumeTarget(targetId: string): Promise<void> {
    const now = this.clock.now();
    await this.tx.run((manager) =>
      manager.update(OutboxMessage, { targetId, status: 'pending' }, { nextAttemptAt: now }),
    );
  }

  async list(scope: TenantScope, targetId: string, query: DeliveryListQuery): Promise<DeliveryView[]> {
    const rows = await this.messages.find({
      where: scope.where<OutboxMessage>({
        targetId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.before ? { id: LessThan(query.before) } : {}),
      }),
      order: { id: 'DESC' },
      take: Math.min(query.limit ?? 50, 200),
    });
    return rows.map(deliveryView);
  }

  async detail(scope: TenantScope, id: number): Promise<DeliveryDetail> {
    const message = await this.find(scope, id);
    const log = await this.attempts.find({ where: { messageId: id }, order: { id: 'DESC' }, take: 100 });
    return {
      ...deliveryView(message),
      payload: JSON.parse(message.payload) as unknown,
      log: log.map(attemptView),
    };
  }

  /** Sends a message again now, whatever happened to it before (the receiver must dedupe by id). */
  async redeliver(scope: TenantScope, id: number): Promise<DeliveryView> {
    const message = await this.find(scope, id);
    if (
      message.status === 'pending' &&
      message.leaseUntil !== null &&
      message.leaseUntil > this.clock.now()
    ) {
      throw new DomainError('order_not_actionable', 'This delivery is being sent right now');
    }
    const now = this.clock.now();
    await this.tx.run((manager) =>
      manager.update(
        OutboxMessage,
        { id: message.id },
        { status: 'pending', nextAttemptAt: now, leaseOwner: null, leaseUntil: null, deliveredAt: null },
      ),
    );
    return deliveryView(await this.messages.findOneByOrFail({ id }));
  }

  /** Pending and failed counts per target, for health views. */
  async counts(targetIds: string[]): Promise<Map<string, { pending: number; failed: number }>> {
    const result = new Map<string, { pending: number; failed: number }>();
    if (targetIds.length === 0) return result;
    const rows = await this.messages
      .createQueryBuilder('m')
      .select('m.targetId', 'targetId')
      .addSelect('m.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where({ targetId: In(targetIds), status: In(['pending', 'failed']) })
      .groupBy('m.targetId')
      .addGroupBy('m.status')
      .getRawMany<{ targetId: string; status: OutboxStatus; n: string | number }>();
    for (const row of rows) {
      const entry = result.get(row.targetId) ?? { pending: 0, failed: 0 };
      if (row.status === 'pending') entry.pending = Number(row.n);
      else entry.failed = Number(row.n);
      result.set(row.targetId, entry);
    }
    return result;
  }

  private async find(scope: TenantScope, id: number): Promise<OutboxMessage> {
    const message = Number.isSafeInteger(id)
      ? await this.messages.findOneBy(scope.where<OutboxMessage>({ id }))
      : null;
    if (!message) throw notFound('Delivery');
    return message;
  }
}
