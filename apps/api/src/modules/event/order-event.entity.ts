import type { OrderEventType } from '@shared/types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';
import type { EventData } from './event-data';

export type { OrderEventType };

/** Durable, ordered log of everything that happens to an order; webhooks and connectors read it. */
@Entity('order_events')
@Index('idx_order_events_order', ['orderId', 'id'])
@Index('idx_order_events_tenant', ['tenantId', 'id'])
export class OrderEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  printerId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  type!: OrderEventType;

  @EpochColumn()
  at!: number;

  @Column({ type: 'simple-json', nullable: true })
  data!: EventData | null;
}
