import type { PrinterEventType } from '@shared/types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';
import type { EventData } from './event-data';

export type { PrinterEventType };

/** The printer's own log: what support reads when a restaurant says "the printer does nothing". */
@Entity('printer_events')
@Index('idx_printer_events_printer', ['printerId', 'id'])
export class PrinterEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  printerId!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: PrinterEventType;

  @EpochColumn()
  at!: number;

  @Column({ type: 'simple-json', nullable: true })
  data!: EventData | null;
}
