import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_api_keys_tenant')
  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** First characters of the key, shown in lists so owners can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Index('uq_api_keys_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  keyHash!: string;

  @EpochColumn()
  createdAt!: number;

  @EpochColumn({ nullable: true })
  lastUsedAt!: number | null;

  @EpochColumn({ nullable: true })
  revokedAt!: number | null;
}
