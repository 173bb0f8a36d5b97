import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

/** `webhook` targets a webhook endpoint; the others push a status to a connected shop. */
export type OutboxChannel = 'webhook' | 'woocommerce' | 'framework360';

/** `pending` until delivered; `failed` once the retry window is spent (redelivery puts it back). */
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/**
 * One message to deliver at least once, written in the same transaction as the order change
 * that caused it, so a crash can never lose it. Instances claim a message with a conditional
 * UPDATE on the lease columns, so two instances never send the same attempt.
 */
@Entity('outbox_messages')
@Index('idx_outbox_due', ['status', 'nextAttemptAt'])
@Index('idx_outbox_target_order', ['targetId', 'orderId', 'id'])
@Index('idx_outbox_tenant', ['tenantId', 'id'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboxChannel;

  /** The webhook endpoint or shop connection this goes to. */
  @Column({ type: 'varchar', length: 36 })
  targetId!: string;

  /** Messages of one order go to one target in the order they were written. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  /** `order.completed`, `status.cancelled`, `ping`… */
  @Column({ type: 'varchar', length: 40 })
  event!: string;

  /** The exact JSON sent, frozen when written so every retry sends the same bytes. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @EpochColumn()
  nextAttemptAt!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @EpochColumn({ nullable: true })
  leaseUntil!: number | null;

  @EpochColumn({ nullable: true })
  lastAttemptAt!: number | null;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @EpochColumn()
  createdAt!: number;

  @EpochColumn({ nullable: true })
  deliveredAt!: number | null;
}
