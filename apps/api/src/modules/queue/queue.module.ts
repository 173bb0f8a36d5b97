import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventModule } from '../event/event.module';
import { Order } from '../order/order.entity';
import { OrderModule } from '../order/order.module';
import { Printer } from '../printer/printer.entity';
import { PrinterModule } from '../printer/printer.module';
import { PollController } from './poll.controller';
import { PollService } from './poll.service';
import { QueueController } from './queue.controller';
import { QueueCron } from './queue.cron';
import { QueueService } from './queue.service';

@Module({
  imports: [TypeOrmModule.forFeature([Order, Printer]), PrinterModule, OrderModule, EventModule],
  controllers: [PollController, QueueController],
  providers: [PollService, QueueService, QueueCron],
  exports: [QueueService],
})
export class QueueModule {}
