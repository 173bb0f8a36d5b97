import type { EventData } from './printer';

export type OrderStatus = 'queued' | 'printing' | 'completed' | 'cancelled' | 'skipped';
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'queued',
  'printing',
  'completed',
  'cancelled',
  'skipped',
];

export type OrderKind = 'delivery' | 'pickup' | 'reservation';

export interface OrderSummary {
  id: string;
  tenantId: string;
  /** Per-restaurant number, printed on the ticket and echoed by the printer. */
  number: number;
  externalId: string;
  status: OrderStatus;
  needsAttention: boolean;
  printerId: string | null;
  type: OrderKind;
  currency: string;
  total: string;
  paymentMethod: string | null;
  paid: boolean;
  customerName: string | null;
  requestedAt: string | null;
  receivedAt: string | null;
  /** How many times the order was handed to the printer. */
  serveCount: number;
  firstServedAt: string | null;
  lastServedAt: string | null;
  answeredAt: string | null;
  updatedAt: string | null;
}

export interface OrderItemOptionView {
  name: string;
  price: string;
}

export interface OrderItemView {
  name: string;
  quantity: number;
  unitPrice: string;
  options: OrderItemOptionView[];
  note: string | null;
}

export interface OrderCustomer {
  name: string | null;
  phone: string | null;
  address: string | null;
  verified: boolean | null;
  previousOrders: number | null;
}

/** The printer's Accept/Reject. */
export interface OrderAnswer {
  at: string | null;
  /** `dt`: the time the kitchen promised (Accept) or the time of the answer (Reject). */
  time: string | null;
  /** `m`: `OK`, or the reason for a rejection. */
  message: string | null;
}

export interface OrderNoteView {
  id: string;
  text: string;
  /** `printer`, `user:<id>`, `api-key:<id>`, `system`. */
  author: string;
  createdAt: string | null;
}

export type OrderEventType =
  | 'received'
  | 'queued'
  | 'skipped'
  | 'served'
  | 'completed'
  | 'cancelled'
  | 'needs_attention'
  | 'serve_again'
  | 'moved'
  | 'total_mismatch';

export interface OrderEventView {
  id: number;
  type: OrderEventType;
  at: string | null;
  data: EventData | null;
}

export interface OrderDetail extends OrderSummary {
  items: OrderItemView[];
  deliveryFee: string;
  fee: string;
  discount: string;
  requiresConfirmation: boolean | null;
  customer: OrderCustomer;
  notesFromShop: string | null;
  answer: OrderAnswer | null;
  /** The exact text the printer gets (frozen at the first serve), or null without a printer. */
  wire: string | null;
  /** Present on `GET /orders/:id`: whether `wire` is frozen (served) or a preview. */
  wireFrozen?: boolean;
  notes: OrderNoteView[];
  events: OrderEventView[];
}

export interface OrderListQuery {
  /** One or more statuses. */
  status?: OrderStatus[];
  printerId?: string;
  externalId?: string;
  number?: number;
  needsAttention?: boolean;
  /** Support only. */
  tenantId?: string;
  /** ISO 8601; received at or after. */
  from?: string;
  /** ISO 8601; received at or before. */
  to?: string;
  /** 1 to 100, default 50. */
  limit?: number;
  cursor?: string;
}

export interface OrderListResponse {
  items: OrderSummary[];
  nextCursor: string | null;
}

/** The printer's queue as staff see it. */
export interface PrinterQueueView {
  printerId: string;
  serving: OrderSummary | null;
  /** FIFO order. */
  waiting: OrderSummary[];
  /** Newest first, at most 20. */
  recent: OrderSummary[];
}

export interface CancelOrderRequest {
  note?: string;
}

export interface MoveOrderRequest {
  printerId: string;
}

export interface CreateOrderItem {
  name: string;
  quantity: number;
  unitPrice: string | number;
  options?: { name: string; price: string | number }[];
  note?: string;
}

/** `POST /api/v1/orders`: what a shop sends (with an `X-API-Key`). */
export interface CreateOrderRequest {
  externalId: string;
  printerId?: string;
  type: OrderKind;
  items: CreateOrderItem[];
  deliveryFee?: string | number;
  fee?: string | number;
  discount?: string | number;
  total: string | number;
  currency?: string;
  paymentMethod?: string;
  paid?: boolean;
  requiresConfirmation?: boolean;
  customer?: Partial<OrderCustomer>;
  requestedAt?: string;
  notes?: string;
}
