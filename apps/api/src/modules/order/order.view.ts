import { formatMinor } from '../../common/money';
import type { OrderEvent } from '../event/order-event.entity';
import type { OrderNote } from './order-note.entity';
import type { Order } from './order.entity';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function orderSummaryView(order: Order) {
  const money = (minor: number) => formatMinor(minor, order.currency);
  return {
    id: order.id,
    tenantId: order.tenantId,
    number: order.number,
    externalId: order.externalId,
    status: order.status,
    needsAttention: order.needsAttention,
    printerId: order.printerId,
    type: order.type,
    currency: order.currency,
    total: money(order.total),
    paymentMethod: order.paymentMethod,
    paid: order.paid,
    customerName: order.customer.name,
    requestedAt: iso(order.requestedAt),
    receivedAt: iso(order.receivedAt),
    serveCount: order.serveCount,
    firstServedAt: iso(order.firstServedAt),
    lastServedAt: iso(order.lastServedAt),
    answeredAt: iso(order.answeredAt),
    updatedAt: iso(order.updatedAt),
  };
}

export function orderView(order: Order, notes: OrderNote[], events: OrderEvent[]) {
  const money = (minor: number) => formatMinor(minor, order.currency);
  return {
    ...orderSummaryView(order),
    items: order.items.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice),
      options: item.options.map((option) => ({ name: option.name, price: money(option.price) })),
      note: item.note,
    })),
    deliveryFee: money(order.deliveryFee),
    fee: money(order.fee),
    discount: money(order.discount),
    requiresConfirmation: order.requiresConfirmation,
    customer: order.customer,
    notesFromShop: order.comments,
    answer:
      order.answeredAt === null
        ? null
        : { at: iso(order.answeredAt), time: order.answerTime, message: order.answerMessage },
    wire: order.wire,
    notes: notes.map((note) => ({
      id: note.id,
      text: note.text,
      author: note.author,
      createdAt: iso(note.createdAt),
    })),
    events: events.map((event) => ({ id: event.id, type: event.type, at: iso(event.at), data: event.data })),
  };
}
