import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventModule } from '../event/event.module';
import { FormatterModule } from '../formatter/formatter.module';
import { Printer } from '../printer/printer.entity';
import { Tenant } from '../tenant/tenant.entity';
import { OrderNote } from './order-note.entity';
import { OrderController } from './order.controller';
import { Order } from './order.entity';
import { OrderService } from './order.service';
import { OrderLifecycle } from './order-lifecycle.service';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderNote, Printer, Tenant]), EventModule, FormatterModule],
  controllers: [OrderController],
  providers: [OrderService, OrderLifecycle],
  exports: [OrderService, OrderLifecycle],
})
export class OrderModule {}
