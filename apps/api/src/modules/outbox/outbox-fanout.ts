import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderEvent } from '../event/order-event.entity';
import { OrderNote } from '../order/order-note.entity';
import { Order } from '../order/order.entity';
import type { NewOutboxMessage } from './outbox.service';
import { OutboxService } from './outbox.service';

/** The order as it is at the event, loaded once for every producer that needs it. */
export interface OrderSnapshot {
  order: Order;
  notes: OrderNote[];
}

export interface OrderEventContext {
  manager: EntityManager;
  event: OrderEvent;
  snapshot(): Promise<OrderSnapshot | null>;
}

/** Turns an order event into the messages one kind of target should get (possibly none). */
export type OutboxProducer = (context: OrderEventContext) => Promise<NewOutboxMessage[]>;

/**
 * Called for every order event inside the transaction that wrote it, so each message is stored
 * exactly when (and only if) the change it reports is committed.
 */
@Injectable()
export class OutboxFanout {
  private readonly producers: OutboxProducer[] = [];

  constructor(private readonly outbox: OutboxService) {}

  register(producer: OutboxProducer): void {
    this.producers.push(producer);
  }

  async orderEvent(manager: EntityManager, event: OrderEvent): Promise<void> {
    if (this.producers.length === 0) return;
    let loaded: Promise<OrderSnapshot | null> | null = null;
    const snapshot = () => {
      loaded ??= (async () => {
        const order = await manager.findOneBy(Order, { id: event.orderId });
        if (!order) return null;
        const notes = await manager.find(OrderNote, {
          where: { orderId: order.id },
          order: { createdAt: 'ASC' },
        });
        return { order, notes };
      })();
      return loaded;
    };
    for (const producer of this.producers) {
      const messages = await producer({ manager, event, snapshot });
      for (const message of messages) await this.outbox.enqueue(manager, message);
    }
  }
}
