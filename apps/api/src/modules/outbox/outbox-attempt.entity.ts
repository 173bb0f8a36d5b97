import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

/** The delivery log: one row per HTTP attempt, success or not. */
@Entity('outbox_attempts')
@Index('idx_outbox_attempts_message', ['messageId', 'id'])
@Index('idx_outbox_attempts_target', ['targetId', 'id'])
export class OutboxAttempt {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  messageId!: number;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36 })
  targetId!: string;

  @EpochColumn()
  at!: number;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'integer' })
  latencyMs!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  /** The start of the receiver's answer, for debugging their side. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  response!: string | null;
}
