import type { Logger } from 'pino';
import { Framework360Adapter } from './framework360/framework360.adapter';
import type { ShopPlatform } from './shop-connection.entity';
import type { ShopAdapter } from './shop-adapter';
import { WooCommerceAdapter } from './woocommerce/woocommerce.adapter';

export const SHOP_ADAPTERS = Symbol('SHOP_ADAPTERS');

export type ShopAdapters = ReadonlyMap<ShopPlatform, ShopAdapter>;

export function createShopAdapters(logger: Logger): ShopAdapters {
  const adapters: ShopAdapter[] = [new WooCommerceAdapter(), new Framework360Adapter(logger)];
  return new Map(adapters.map((adapter) => [adapter.platform, adapter]));
}
