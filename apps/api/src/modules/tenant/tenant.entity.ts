import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

export type IntakeRule = 'manual-confirmation' | 'all';

@Entity('tenants')
export class Tenant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone!: string;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale!: string;

  @Column({ type: 'varchar', length: 24, default: 'manual-confirmation' })
  intakeRule!: IntakeRule;

  /** Lower-case payment method names that count as cash on delivery. */
  @Column({ type: 'simple-json' })
  cashPaymentMethods!: string[];

  /** Last per-tenant order number handed out; the number is what the printer shows and echoes back. */
  @Column({ type: 'integer', default: 0 })
  orderSeq!: number;

  @EpochColumn()
  createdAt!: number;
}
