import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn, MoneyColumn } from '../../infra/database/columns';

export type OrderStatus = 'queued' | 'printing' | 'completed' | 'cancelled' | 'skipped';
export type OrderKind = 'delivery' | 'pickup' | 'reservation';

export interface StoredItem {
  name: string;
  quantity: number;
  unitPrice: number;
  options: { name: string; price: number }[];
  note: string | null;
}

export interface StoredCustomer {
  name: string | null;
  phone: string | null;
  address: string | null;
  verified: boolean | null;
  previousOrders: number | null;
}

@Entity('orders')
@Index('uq_orders_external', ['tenantId', 'externalId'], { unique: true })
@Index('uq_orders_number', ['tenantId', 'number'], { unique: true })
@Index('idx_orders_queue', ['printerId', 'status', 'queuedAt'])
@Index('idx_orders_tenant_status', ['tenantId', 'status'])
export class Order {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  printerId!: string | null;

  /** Per-tenant number: segment 2 of the wire string and the printer's `o=` in callbacks. */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 128 })
  externalId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ type: 'boolean', default: false })
  needsAttention!: boolean;

  @Column({ type: 'varchar', length: 16 })
  type!: OrderKind;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'simple-json' })
  items!: StoredItem[];

  @MoneyColumn({ default: 0 })
  deliveryFee!: number;

  @MoneyColumn({ default: 0 })
  fee!: number;

  @MoneyColumn({ default: 0 })
  discount!: number;

  @MoneyColumn()
  total!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  paymentMethod!: string | null;

  @Column({ type: 'boolean', default: false })
  paid!: boolean;

  @Column({ type: 'boolean', nullable: true })
  requiresConfirmation!: boolean | null;

  @Column({ type: 'simple-json' })
  customer!: StoredCustomer;

  @EpochColumn({ nullable: true })
  requestedAt!: number | null;

  /** The UTC offset the shop wrote `requestedAt` in (`+02:00`), used while the printer has no zone. */
  @Column({ type: 'varchar', length: 6, nullable: true })
  requestedOffset!: string | null;

  @Column({ type: 'text', nullable: true })
  comments!: string | null;

  /** Frozen at the first serve: every later poll gets these exact bytes. */
  @Column({ type: 'text', nullable: true })
  wire!: string | null;

  @Column({ type: 'integer', default: 0 })
  serveCount!: number;

  @EpochColumn({ nullable: true })
  firstServedAt!: number | null;

  @EpochColumn({ nullable: true })
  lastServedAt!: number | null;

  /** Start of the current unanswered window (first serve, or the last "serve again"). */
  @EpochColumn({ nullable: true })
  attentionClockAt!: number | null;

  @EpochColumn({ nullable: true })
  answeredAt!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  answerTime!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  answerMessage!: string | null;

  /** FIFO position: when it entered its printer's queue (kept when moved, so it keeps its turn). */
  @EpochColumn({ nullable: true })
  queuedAt!: number | null;

  @EpochColumn()
  receivedAt!: number;

  @EpochColumn()
  updatedAt!: number;
}
