import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

export type UserRole = 'owner' | 'staff' | 'support';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Null for platform support users, who belong to no tenant. */
  @Index('idx_users_tenant')
  @Column({ type: 'varchar', length: 36, nullable: true })
  tenantId!: string | null;

  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @EpochColumn()
  createdAt!: number;
}
