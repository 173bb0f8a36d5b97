import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

@Entity('webhook_endpoints')
@Index('idx_webhook_endpoints_tenant', ['tenantId'])
export class WebhookEndpoint {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  /** AES-GCM sealed signing secret: we must sign with it, so a hash would not do. */
  @Column({ type: 'text' })
  secretSealed!: string;

  /** Event names to send; null means every event. */
  @Column({ type: 'simple-json', nullable: true })
  events!: string[] | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Why it was disabled, shown to the owner (null when enabled or disabled by hand). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  /** Start of the current run of failed deliveries; null after a success. */
  @EpochColumn({ nullable: true })
  failingSince!: number | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @EpochColumn({ nullable: true })
  lastSuccessAt!: number | null;

  @EpochColumn({ nullable: true })
  lastFailureAt!: number | null;

  @EpochColumn()
  createdAt!: number;

  @EpochColumn()
  updatedAt!: number;

  @EpochColumn({ nullable: true })
  deletedAt!: number | null;
}
