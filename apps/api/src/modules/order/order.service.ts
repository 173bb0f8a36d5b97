import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, type FindOptionsWhere, In, IsNull, LessThan, type Repository } from 'typeorm';
import { ProtocolError } from '@goodcom/protocol';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { DomainError, notFound } from '../../common/domain-error';
import { toMinor } from '../../common/money';
import { isUniqueViolation } from '../../infra/database/errors';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { type Clock, CLOCK } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { FormatterService } from '../formatter/formatter.service';
import { Printer } from '../printer/printer.entity';
import { Tenant } from '../tenant/tenant.entity';
import type { CreateOrderDto } from './dto/create-order.dto';
import type { ListOrdersQuery } from './dto/list-orders.query';
import { OrderNote } from './order-note.entity';
import { Order, type OrderStatus, type StoredItem } from './order.entity';
import { OrderLifecycle } from './order-lifecycle.service';

export interface IntakeResult {
  order: Order;
  created: boolean;
}

function invalid(field: string, problem: string): DomainError {
  return new DomainError('validation_failed', `${field} ${problem}`, [
    { field, problems: [`${field} ${problem}`] },
  ]);
}

function money(value: number | string | undefined, field: string, currency: string): number {
  if (value === undefined) return 0;
  const minor = toMinor(value, currency);
  if (minor === null) throw invalid(field, `has more decimals than ${currency} allows`);
  return minor;
}

/**
 * MariaDB compares `externalId` with the case-insensitive table collation, so `woo-1A` finds (and
 * collides with) `woo-1a`. Answering with that other order would silently drop this one; refuse it
 * instead. (A binary collation on the column would make them two orders, as on SQLite.)
 */
function sameExternalId(existing: Order, externalId: string): Order {
  if (existing.externalId === externalId) return existing;
  throw invalid(
    'externalId',
    `differs only in letter case from the existing order "${existing.externalId}"; use externalIds that differ in more than case`,
  );
}

function offsetOf(isoDate: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(isoDate);
  return !match || match[1] === 'Z' ? '+00:00' : match[1]!;
}

interface Cursor {
  receivedAt: number;
  id: string;
}

@Injectable()
export class OrderService {
  constructor(
    private readonly tx: TransactionRunner,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderNote) private readonly notes: Repository<OrderNote>,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    private readonly events: EventService,
    private readonly formatter: FormatterService,
    private readonly lifecycle: OrderLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stores a shop's order, once per externalId, queued for its printer or skipped by the intake rule. */
  async intake(scope: TenantScope, dto: CreateOrderDto): Promise<IntakeResult> {
    const tenantId = scope.requireTenant();
    const existing = await this.orders.findOneBy({ tenantId, externalId: dto.externalId });
    if (existing) return { order: sameExternalId(existing, dto.externalId), created: false };

    const tenant = await this.tenants.findOneByOrFail({ id: tenantId });
    const printer = await this.targetPrinter(tenantId, dto.printerId);
    const order = this.build(tenantId, printer.id, dto);
    order.status = this.needsPrinter(tenant, dto) ? 'queued' : 'skipped';
    if (order.status === 'queued') order.queuedAt = order.receivedAt;
    this.assertPrintable(order, printer);

    const expected =
      order.items.reduce(
        (sum, item) => sum + item.quantity * (item.unitPrice + item.options.reduce((s, o) => s + o.price, 0)),
        0,
      ) +
      order.deliveryFee +
      order.fee -
      order.discount;

    try {
      await this.tx.run(async (manager) => {
        await manager.increment(Tenant, { id: tenantId }, 'orderSeq', 1);
        const { orderSeq } = await manager.findOneOrFail(Tenant, {
          select: { id: true, orderSeq: true },
          where: { id: tenantId },
        });
        order.number = orderSeq;
        await manager.insert(Order, order);
        await this.events.order(manager, order, 'received', order.receivedAt, { source: scope.actor });
        if (expected !== order.total) {
          await this.events.order(manager, order, 'total_mismatch', order.receivedAt, {
            expected,
            given: order.total,
          });
        }
        await this.events.order(
          manager,
          order,
          order.status === 'queued' ? 'queued' : 'skipped',
          order.receivedAt,
          {
            rule: tenant.intakeRule,
          },
        );
      });
    } catch (error) {
      // Two identical requests raced: the unique (tenant, externalId) key let one in; answer with it.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.orders.findOneBy({ tenantId, externalId: dto.externalId });
      if (!winner) throw error;
      return { order: sameExternalId(winner, dto.externalId), created: false };
    }
    return { order, created: true };
  }

  async get(scope: TenantScope, id: string): Promise<Order> {
    const order = await this.orders.findOneBy(scope.where<Order>({ id }));
    if (!order) throw notFound('Order');
    return order;
  }

  async details(order: Order) {
    const [notes, events] = await Promise.all([
      this.notes.find({ where: { orderId: order.id }, order: { createdAt: 'ASC' } }),
      this.events.forOrder(order.id),
    ]);
    return { notes, events };
  }

  /** The string the printer gets (or would get now, if it has not been served yet). */
  async wireFor(order: Order): Promise<string | null> {
    if (order.wire !== null) return order.wire;
    const printer = order.printerId ? await this.printers.findOneBy({ id: order.printerId }) : null;
    return printer ? this.formatter.encode(order, printer) : null;
  }

  async list(
    scope: TenantScope,
    query: ListOrdersQuery,
  ): Promise<{ items: Order[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const base: FindOptionsWhere<Order> = {};
    if (query.status) base.status = In(query.status.split(',') as OrderStatus[]);
    if (query.printerId) base.printerId = query.printerId;
    if (query.externalId) base.externalId = query.externalId;
    if (query.needsAttention !== undefined) base.needsAttention = query.needsAttention === 'true';
    if (query.number) base.number = Number(query.number);
    if (query.tenantId && scope.isAllTenants) base.tenantId = query.tenantId;
    const from = query.from ? Date.parse(query.from) : 0;
    const to = query.to ? Date.parse(query.to) : 8.64e15;
    if (Number.isNaN(from) || Number.isNaN(to)) throw invalid('from/to', 'must be ISO 8601 dates');
    let cursor: Cursor | null = null;
    if (query.cursor) {
      try {
        cursor = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as Cursor;
      } catch {
        throw invalid('cursor', 'is not a cursor this API returned');
      }
      if (typeof cursor?.receivedAt !== 'number' || typeof cursor.id !== 'string') {
        throw invalid('cursor', 'is not a cursor this API returned');
      }
    }
    // Newest first; the cursor continues strictly after the last row (ties broken by id).
    const where: FindOptionsWhere<Order>[] = cursor
      ? [
          scope.where<Order>({ ...base, receivedAt: Between(from, Math.min(to, cursor.receivedAt - 1)) }),
          scope.where<Order>({ ...base, receivedAt: cursor.receivedAt, id: LessThan(cursor.id) }),
        ]
      : [scope.where<Order>({ ...base, receivedAt: Between(from, to) })];
    const rows = await this.orders.find({
      where,
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ receivedAt: last.receivedAt, id: last.id })).toString('base64url')
        : null;
    return { items, nextCursor };
  }

  /** The shop, staff or support withdraw an order before the printer answered. */
  async cancel(scope: TenantScope, id: string, note: string | undefined): Promise<Order> {
    const order = await this.get(scope, id);
    const who = scope.actor.startsWith('api-key:') ? 'the shop' : 'staff from the dashboard';
    return this.lifecycle.cancel(order, `Cancelled by ${who}${note ? `: ${note}` : ''}`, scope.actor);
  }

  private async targetPrinter(tenantId: string, printerId: string | undefined): Promise<Printer> {
    if (printerId !== undefined) {
      const printer = await this.printers.findOneBy({ id: printerId, tenantId, deletedAt: IsNull() });
      if (!printer) throw notFound('Printer');
      return printer;
    }
    const printers = await this.printers.find({
      where: { tenantId, deletedAt: IsNull() },
      order: { isDefault: 'DESC', createdAt: 'ASC' },
      take: 1,
    });
    const printer = printers[0];
    if (!printer) {
      throw new DomainError(
        'no_printer',
        'This restaurant has no printer yet: add one before sending orders',
      );
    }
    return printer;
  }

  private needsPrinter(tenant: Tenant, dto: CreateOrderDto): boolean {
    if (dto.requiresConfirmation !== undefined) return dto.requiresConfirmation;
    if (tenant.intakeRule === 'all') return true;
    const method = dto.paymentMethod?.trim().toLowerCase();
    const cash = method !== undefined && tenant.cashPaymentMethods.includes(method);
    return dto.type === 'pickup' || cash;
  }

  private build(tenantId: string, printerId: string, dto: CreateOrderDto): Order {
    const currency = dto.currency ?? 'EUR';
    const now = this.clock.now();
    const items: StoredItem[] = dto.items.map((item, i) => ({
      name: item.name,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice, `items.${i}.unitPrice`, currency),
      options: (item.options ?? []).map((option, j) => ({
        name: option.name,
        price: money(option.price, `items.${i}.options.${j}.price`, currency),
      })),
      note: item.note ?? null,
    }));
    let requestedAt: number | null = null;
    if (dto.requestedAt !== undefined) {
      requestedAt = Date.parse(dto.requestedAt);
      if (Number.isNaN(requestedAt)) throw invalid('requestedAt', 'is not a real date-time');
    }
    return Object.assign(new Order(), {
      id: randomUUID(),
      tenantId,
      printerId,
      number: 0,
      externalId: dto.externalId,
      status: 'queued',
      needsAttention: false,
      type: dto.type,
      currency,
      items,
      deliveryFee: money(dto.deliveryFee, 'deliveryFee', currency),
      fee: money(dto.fee, 'fee', currency),
      discount: money(dto.discount, 'discount', currency),
      total: money(dto.total, 'total', currency),
      paymentMethod: dto.paymentMethod ?? null,
      paid: dto.paid ?? false,
      requiresConfirmation: dto.requiresConfirmation ?? null,
      customer: {
        name: dto.customer?.name ?? null,
        phone: dto.customer?.phone ?? null,
        address: dto.customer?.address ?? null,
        verified: dto.customer?.verified ?? null,
        previousOrders: dto.customer?.previousOrders ?? null,
      },
      requestedAt,
      requestedOffset: dto.requestedAt !== undefined ? offsetOf(dto.requestedAt) : null,
      comments: dto.notes ?? null,
      wire: null,
      serveCount: 0,
      firstServedAt: null,
      lastServedAt: null,
      attentionClockAt: null,
      answeredAt: null,
      answerTime: null,
      answerMessage: null,
      queuedAt: null,
      receivedAt: now,
      updatedAt: now,
    });
  }

  /** Refuse at intake what could never be printed (e.g. too long for the printer), storing nothing. */
  private assertPrintable(order: Order, printer: Printer): void {
    try {
      this.formatter.encode({ ...order, number: 999999999 }, printer);
    } catch (error) {
      if (error instanceof ProtocolError) throw invalid('order', `cannot be printed: ${error.message}`);
      throw error;
    }
  }
}
