import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

export type InboundOutcome = 'created' | 'duplicate' | 'skipped' | 'ignored' | 'ping' | 'rejected';

/** What a shop sent us and what we did with it (the inbound half of a connection's health). */
@Entity('inbound_deliveries')
@Index('uq_inbound_deliveries_delivery', ['connectionId', 'deliveryId'], { unique: true })
@Index('idx_inbound_deliveries_connection', ['connectionId', 'id'])
export class InboundDelivery {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36 })
  connectionId!: string;

  /** The platform's delivery id (`X-WC-Webhook-Delivery-ID`); null when it sends none. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  deliveryId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  shopOrderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: InboundOutcome;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  @EpochColumn()
  receivedAt!: number;
}
