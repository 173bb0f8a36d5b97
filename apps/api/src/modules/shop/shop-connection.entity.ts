import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../../infra/database/columns';

export type ShopPlatform = 'woocommerce' | 'framework360';

/** Non-secret, platform-specific settings the owner can edit. */
export interface ShopSettings {
  /** Printer for this shop's orders; null means the restaurant's first printer. */
  printerId?: string | null;
  /** WooCommerce shipping method ids that mean "pickup" (the documented ones by default). */
  pickupMethods?: string[];
  /** Framework360: the status ids to set on accept / reject, found from `orders/statuses`. */
  statusMap?: { completed: string | null; cancelled: string | null };
  /** Framework360: poll `orders/list` for new orders (when no webhook delivers them). */
  poll?: boolean;
}

/** A connected online shop: where its orders come from and where statuses go back to. */
@Entity('shop_connections')
@Index('idx_shop_connections_tenant', ['tenantId'])
export class ShopConnection {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: ShopPlatform;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** WooCommerce site URL, or the Framework360 API base (`https://site/m/api/`). */
  @Column({ type: 'varchar', length: 2048 })
  siteUrl!: string;

  /** AES-GCM sealed JSON of the platform credentials and our inbound webhook secret. */
  @Column({ type: 'text' })
  credentialsSealed!: string;

  @Column({ type: 'simple-json' })
  settings!: ShopSettings;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Framework360 polling position, opaque to everything but the poller. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  cursor!: string | null;

  /** Why status pushes were stopped, shown to the owner. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  @EpochColumn({ nullable: true })
  failingSince!: number | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @EpochColumn({ nullable: true })
  lastOrderAt!: number | null;

  @EpochColumn({ nullable: true })
  lastPushAt!: number | null;

  @EpochColumn({ nullable: true })
  lastFailureAt!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @EpochColumn({ nullable: true })
  lastPollAt!: number | null;

  /** The last inbound body, secrets redacted, so a new payload shape can be inspected. */
  @Column({ type: 'text', nullable: true })
  lastPayload!: string | null;

  @EpochColumn()
  createdAt!: number;

  @EpochColumn()
  updatedAt!: number;

  @EpochColumn({ nullable: true })
  deletedAt!: number | null;
}
