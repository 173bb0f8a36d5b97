import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

@Entity('order_notes')
export class OrderNote {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_order_notes_order')
  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'text' })
  text!: string;

  /** Who wrote it: `printer`, `user:<id>`, `shop`, `system`. */
  @Column({ type: 'varchar', length: 64 })
  author!: string;

  @EpochColumn()
  createdAt!: number;
}
