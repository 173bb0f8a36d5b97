import { Injectable } from '@nestjs/common';
import { encodeOrder, type EncodeOrderInput, type OrderType } from '@goodcom/protocol';
import { minorDigits } from '../../common/money';
import type { Order, OrderKind } from '../order/order.entity';
import type { Printer } from '../printer/printer.entity';

const WIRE_TYPE: Record<OrderKind, OrderType> = {
  delivery: 'delivery',
  pickup: 'collection',
  reservation: 'reservation',
};

/** Thin wrapper over @goodcom/protocol: our stored order plus the printer's settings → the wire string. */
@Injectable()
export class FormatterService {
  encode(order: Order, printer: Printer): string {
    return encodeOrder(this.toProtocol(order, printer), {
      newline: printer.newlineToken,
      textPolicy: printer.textPolicy,
      currencyPrefix: printer.currencyPrefix,
      // The printer's zone once configured; until then the offset the shop wrote the time in.
      timeZone: printer.timeZone ?? order.requestedOffset ?? 'UTC',
      minorDigits: minorDigits(order.currency),
    });
  }

  toProtocol(order: Order, printer: Printer): EncodeOrderInput {
    // The shop's own order number leads the comments, so staff can match the ticket to the shop.
    const comments = [`Ref: ${order.externalId}`, order.comments ?? '']
      .filter((line) => line !== '')
      .join('\n');
    return {
      orderId: String(order.number),
      resId: printer.resId,
      type: WIRE_TYPE[order.type],
      items: order.items.map((item) => ({
        quantity: item.quantity,
        name: item.name,
        unitPrice: item.unitPrice,
        options: item.options,
        note: item.note,
      })),
      deliveryCharge: order.deliveryFee,
      fee: order.fee,
      discount: order.discount,
      total: order.total,
      customer: order.customer,
      paid: order.paid,
      paymentLabel: order.paymentMethod,
      requestedAt: order.requestedAt === null ? null : new Date(order.requestedAt),
      comments,
    };
  }
}
