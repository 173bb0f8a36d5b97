import { ApiKey } from '../../modules/api-key/api-key.entity';
import { Session } from '../../modules/auth/session.entity';
import { User } from '../../modules/auth/user.entity';
import { OrderEvent } from '../../modules/event/order-event.entity';
import { PrinterEvent } from '../../modules/event/printer-event.entity';
import { OrderNote } from '../../modules/order/order-note.entity';
import { Order } from '../../modules/order/order.entity';
import { Printer } from '../../modules/printer/printer.entity';
import { OutboxAttempt } from '../../modules/outbox/outbox-attempt.entity';
import { OutboxMessage } from '../../modules/outbox/outbox-message.entity';
import { InboundDelivery } from '../../modules/shop/inbound-delivery.entity';
import { ShopConnection } from '../../modules/shop/shop-connection.entity';
import { ShopOrderLink } from '../../modules/shop/shop-order-link.entity';
import { Tenant } from '../../modules/tenant/tenant.entity';
import { WebhookEndpoint } from '../../modules/webhook/webhook-endpoint.entity';
import { AppSetting } from './app-setting.entity';

export const ENTITIES = [
  AppSetting,
  Tenant,
  User,
  Session,
  ApiKey,
  Printer,
  Order,
  OrderNote,
  OrderEvent,
  PrinterEvent,
  WebhookEndpoint,
  OutboxMessage,
  OutboxAttempt,
  ShopConnection,
  ShopOrderLink,
  InboundDelivery,
];
