import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventModule } from '../event/event.module';
import { OrderModule } from '../order/order.module';
import { Printer } from '../printer/printer.entity';
import { PrinterModule } from '../printer/printer.module';
import { Tenant } from '../tenant/tenant.entity';
import { CallbackController } from './callback.controller';
import { CallbackService } from './callback.service';

@Module({
  imports: [TypeOrmModule.forFeature([Printer, Tenant]), PrinterModule, OrderModule, EventModule],
  controllers: [CallbackController],
  providers: [CallbackService],
})
export class CallbackModule {}
