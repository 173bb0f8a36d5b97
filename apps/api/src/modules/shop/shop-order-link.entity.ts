import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which shop order an order came from: the dedupe key for imports and the address for status pushes. */
@Entity('shop_order_links')
@Index('uq_shop_order_links_shop_order', ['connectionId', 'shopOrderId'], { unique: true })
export class ShopOrderLink {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ type: 'varchar', length: 64 })
  shopOrderId!: string;
}
