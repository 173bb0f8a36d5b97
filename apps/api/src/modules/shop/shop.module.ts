import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LOGGER } from '../../infra/tokens';
import { OrderModule } from '../order/order.module';
import { OutboxModule } from '../outbox/outbox.module';
import { Printer } from '../printer/printer.entity';
import { InboundDelivery } from './inbound-delivery.entity';
import { createShopAdapters, SHOP_ADAPTERS } from './shop-adapters';
import { ShopConnection } from './shop-connection.entity';
import { ShopOrderLink } from './shop-order-link.entity';
import { ShopChannel } from './shop.channel';
import { ShopController } from './shop.controller';
import { ShopCron } from './shop.cron';
import { ShopInboundController } from './shop-inbound.controller';
import { ShopService } from './shop.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ShopConnection, ShopOrderLink, InboundDelivery, Printer]),
    OrderModule,
    OutboxModule,
  ],
  controllers: [ShopController, ShopInboundController],
  providers: [
    { provide: SHOP_ADAPTERS, useFactory: createShopAdapters, inject: [LOGGER] },
    ShopService,
    ShopChannel,
    ShopCron,
  ],
})
export class ShopModule {}
