import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_sessions_user')
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** HMAC of the bearer token: the token itself is never stored. */
  @Index('uq_sessions_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @EpochColumn()
  createdAt!: number;

  @EpochColumn()
  expiresAt!: number;
}
