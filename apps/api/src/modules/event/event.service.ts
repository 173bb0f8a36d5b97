import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OutboxFanout } from '../outbox/outbox-fanout';
import type { EventData } from './event-data';
import { OrderEvent, type OrderEventType } from './order-event.entity';
import { PrinterEvent, type PrinterEventType } from './printer-event.entity';

interface OrderRef {
  id: string;
  tenantId: string;
  printerId: string | null;
}

interface PrinterRef {
  id: string;
  tenantId: string;
}

/** Appends to the durable event logs, inside the caller's transaction when one is given. */
@Injectable()
export class EventService {
  constructor(
    @InjectRepository(OrderEvent) private readonly orderEvents: Repository<OrderEvent>,
    @InjectRepository(PrinterEvent) private readonly printerEvents: Repository<PrinterEvent>,
    private readonly fanout: OutboxFanout,
  ) {}

  async order(
    manager: EntityManager | null,
    order: OrderRef,
    type: OrderEventType,
    at: number,
    data: EventData | null = null,
  ): Promise<void> {
    const row = { orderId: order.id, tenantId: order.tenantId, printerId: order.printerId, type, at, data };
    const writer = manager ?? this.orderEvents.manager;
    const inserted = await writer.insert(OrderEvent, row);
    const id = Number((inserted.identifiers[0] as { id: number | string }).id);
    // Webhooks and shop status pushes are written with the event, in the same transaction.
    await this.fanout.orderEvent(writer, Object.assign(new OrderEvent(), { ...row, id }));
  }

  async printer(
    manager: EntityManager | null,
    printer: PrinterRef,
    type: PrinterEventType,
    at: number,
    data: EventData | null = null,
  ): Promise<void> {
    const row = { printerId: printer.id, tenantId: printer.tenantId, type, at, data };
    await (manager ? manager.insert(PrinterEvent, row) : this.printerEvents.insert(row));
  }

  forOrder(orderId: string): Promise<OrderEvent[]> {
    return this.orderEvents.find({ where: { orderId }, order: { id: 'ASC' } });
  }

  forPrinter(printerId: string, limit = 100): Promise<PrinterEvent[]> {
    return this.printerEvents.find({ where: { printerId }, order: { id: 'DESC' }, take: limit });
  }
}
