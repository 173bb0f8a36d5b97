import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { OrderEvent } from './order-event.entity';
import { EventService } from './event.service';
import { PrinterEvent } from './printer-event.entity';

@Module({
  imports: [TypeOrmModule.forFeature([OrderEvent, PrinterEvent]), OutboxModule],
  providers: [EventService],
  exports: [EventService],
})
export class EventModule {}
