import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

export type TextPolicy = 'utf8' | 'ascii';

@Entity('printers')
export class Printer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_printers_tenant')
  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** HMAC of the URL token; the poll path finds the printer by this one indexed lookup.
   *  Null once the printer is deleted, so its URLs stop working. */
  @Index('uq_printers_token', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  tokenHash!: string | null;

  /** The token sealed with the app secret (AES-256-GCM), so owners can copy the URLs again later. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  tokenSealed!: string | null;

  @Column({ type: 'varchar', length: 32 })
  resId!: string;

  @Column({ type: 'varchar', length: 32 })
  deviceUsername!: string;

  @Column({ type: 'varchar', length: 32 })
  devicePassword!: string;

  @Column({ type: 'integer', default: 10 })
  pollIntervalSeconds!: number;

  @Column({ type: 'varchar', length: 8, default: 'utf8' })
  textPolicy!: TextPolicy;

  @Column({ type: 'varchar', length: 8, default: '%%' })
  newlineToken!: string;

  @Column({ type: 'varchar', length: 8, default: '' })
  currencyPrefix!: string;

  /** IANA zone for printed times; null until set (the shop's UTC offset is used then). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** Seconds an order may stay served but unanswered before it is flagged for attention. */
  @Column({ type: 'integer', default: 300 })
  unansweredLimitSeconds!: number;

  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  /** The order this printer is being served (at most one): the head of its queue. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  servingOrderId!: string | null;

  @EpochColumn({ nullable: true })
  lastPollAt!: number | null;

  @EpochColumn({ nullable: true })
  lastCallbackAt!: number | null;

  /** Set by the queue-health job when orders wait and the printer stopped polling. */
  @EpochColumn({ nullable: true })
  offlineSince!: number | null;

  @EpochColumn()
  createdAt!: number;

  @EpochColumn({ nullable: true })
  deletedAt!: number | null;
}
