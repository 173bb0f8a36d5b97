import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, Not, type Repository } from 'typeorm';
import type { PrinterCallback } from '@goodcom/protocol';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { DomainError, notFound } from '../../common/domain-error';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { type Clock, CLOCK } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { FormatterService } from '../formatter/formatter.service';
import { Printer } from '../printer/printer.entity';
import { OrderNote } from './order-note.entity';
import { Order, type OrderStatus } from './order.entity';

/** Statuses in which an order still waits for its printer. */
export const WAITING: OrderStatus[] = ['queued', 'printing'];

export function localTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}

export type AnswerResult =
  | { kind: 'applied'; order: Order; moreWaiting: boolean }
  | { kind: 'duplicate'; moreWaiting: boolean }
  | { kind: 'ignored'; reason: string; moreWaiting: boolean };

/**
 * Every status change of an order, in one place. Each transition is a conditional UPDATE
 * (`WHERE status IN (...)`) checked for affected rows, so two polls, two callbacks or two API
 * instances racing on the same order apply it once; the loser sees 0 rows and does nothing.
 */
@Injectable()
export class OrderLifecycle {
  private readonly logger = new Logger(OrderLifecycle.name);

  constructor(
    private readonly tx: TransactionRunner,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    private readonly events: EventService,
    private readonly formatter: FormatterService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The poll: the printer's head order (the same bytes every time until it is answered), or the
   * oldest queued one, claimed as the new head. Null when nothing waits.
   */
  async serve(printer: Printer): Promise<Order | null> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const now = this.clock.now();
      if (printer.servingOrderId !== null) {
        const head = await this.orders.findOneBy({ id: printer.servingOrderId });
        if (head && head.status === 'printing' && head.printerId === printer.id && head.wire !== null) {
          await this.orders
            .createQueryBuilder()
            .update()
            .set({ serveCount: () => 'serveCount + 1', lastServedAt: now })
            .where({ id: head.id })
            .execute();
          return head;
        }
        // Answered, cancelled or moved since: release the head (only if nobody changed it meanwhile).
        await this.printers.update(
          { id: printer.id, servingOrderId: printer.servingOrderId },
          { servingOrderId: null },
        );
        printer.servingOrderId = null;
      }
      const next = await this.orders.findOne({
        select: { id: true },
        where: { printerId: printer.id, status: 'queued' },
        order: { queuedAt: 'ASC', number: 'ASC' },
      });
      if (!next) return null;
      const claimed = await this.claim(printer, next.id, now);
      if (claimed) return claimed;
      // Lost a race with another poll of the same printer: read the printer again and retry.
      const fresh = await this.printers.findOneBy({ id: printer.id });
      if (!fresh || fresh.tokenHash === null) return null;
      printer = fresh;
    }
    return null;
  }

  private claim(printer: Printer, orderId: string, now: number): Promise<Order | null> {
    return this.tx.run(async (manager) => {
      const headTaken = await manager.update(
        Printer,
        { id: printer.id, servingOrderId: IsNull() },
        { servingOrderId: orderId },
      );
      if (!headTaken.affected) return null;
      const order = await manager.findOneBy(Order, { id: orderId, printerId: printer.id, status: 'queued' });
      if (!order) {
        await manager.update(Printer, { id: printer.id, servingOrderId: orderId }, { servingOrderId: null });
        return null;
      }
      // Frozen now: every later poll gets exactly these bytes, whatever changes in the settings.
      order.wire = this.formatter.encode(order, printer);
      Object.assign(order, {
        status: 'printing' as const,
        serveCount: 1,
        firstServedAt: order.firstServedAt ?? now,
        lastServedAt: now,
        attentionClockAt: now,
        updatedAt: now,
      });
      await manager.update(
        Order,
        { id: order.id, status: 'queued' },
        {
          status: order.status,
          wire: order.wire,
          serveCount: order.serveCount,
          firstServedAt: order.firstServedAt,
          lastServedAt: now,
          attentionClockAt: now,
          updatedAt: now,
        },
      );
      await this.events.order(manager, order, 'served', now, { printerId: printer.id });
      printer.servingOrderId = order.id;
      return order;
    });
  }

  /** The printer's Accept/Reject. Idempotent per (printer, order number). */
  async answer(printer: Printer, callback: PrinterCallback, timeZone: string): Promise<AnswerResult> {
    const now = this.clock.now();
    const number = /^\d{1,9}$/.test(callback.orderId.trim()) ? Number(callback.orderId.trim()) : null;
    const order =
      number === null ? null : await this.orders.findOneBy({ tenantId: printer.tenantId, number });
    const moreWaiting = () => this.hasQueued(printer.id);

    if (!order || order.printerId !== printer.id || order.status !== 'printing') {
      const duplicate =
        order !== null &&
        order.printerId === printer.id &&
        order.answeredAt !== null &&
        order.status === (callback.outcome === 'accepted' ? 'completed' : 'cancelled');
      if (duplicate) return { kind: 'duplicate', moreWaiting: await moreWaiting() };
      const reason = !order
        ? 'unknown order'
        : order.printerId !== printer.id
          ? 'order is on another printer'
          : `order is ${order.status}`;
      await this.events.printer(null, printer, 'callback_ignored', now, {
        orderId: callback.orderId,
        answer: callback.answer,
        reason,
      });
      return { kind: 'ignored', reason, moreWaiting: await moreWaiting() };
    }

    const accepted = callback.outcome === 'accepted';
    const at = localTime(now, timeZone);
    const text = accepted
      ? `Accepted on the printer at ${at}${callback.time ? `, ready for ${callback.time}` : ''}`
      : `Rejected on the printer at ${at}: ${callback.message ?? 'no reason given'}`;
    const applied = await this.tx.run(async (manager) => {
      const result = await manager.update(
        Order,
        { id: order.id, status: 'printing', printerId: printer.id },
        {
          status: accepted ? 'completed' : 'cancelled',
          needsAttention: false,
          answeredAt: now,
          answerTime: callback.time?.slice(0, 64) ?? null,
          answerMessage: callback.message?.slice(0, 255) ?? null,
          updatedAt: now,
        },
      );
      if (!result.affected) return false;
      await manager.update(Printer, { id: printer.id, servingOrderId: order.id }, { servingOrderId: null });
      await this.addNote(manager, order.id, text, 'printer', now);
      await this.events.order(manager, order, accepted ? 'completed' : 'cancelled', now, {
        by: 'printer',
        time: callback.time,
        message: callback.message,
      });
      return true;
    });
    if (!applied) return { kind: 'duplicate', moreWaiting: await moreWaiting() };
    printer.servingOrderId = null;
    const fresh = await this.orders.findOneByOrFail({ id: order.id });
    return { kind: 'applied', order: fresh, moreWaiting: await moreWaiting() };
  }

  /** Cancel by the shop, the owner or support, before the printer answered. */
  async cancel(order: Order, note: string, author: string): Promise<Order> {
    const now = this.clock.now();
    const wasServed = order.status === 'printing';
    const text = wasServed
      ? `${note} (the printer had already received it; it was not told of the cancellation)`
      : note;
    const done = await this.tx.run(async (manager) => {
      const result = await manager.update(
        Order,
        { id: order.id, status: In([...WAITING, 'skipped']) },
        { status: 'cancelled', needsAttention: false, updatedAt: now },
      );
      if (!result.affected) return false;
      if (order.printerId !== null) {
        await manager.update(
          Printer,
          { id: order.printerId, servingOrderId: order.id },
          { servingOrderId: null },
        );
      }
      await this.addNote(manager, order.id, text, author, now);
      await this.events.order(manager, order, 'cancelled', now, { by: author, note, afterServe: wasServed });
      return true;
    });
    if (!done) throw alreadyAnswered(await this.orders.findOneByOrFail({ id: order.id }));
    return this.orders.findOneByOrFail({ id: order.id });
  }

  /** Put a served order back in front of staff: clears the attention flag and restarts its clock. */
  async serveAgain(order: Order, author: string): Promise<Order> {
    const now = this.clock.now();
    const done = await this.tx.run(async (manager) => {
      const result = await manager.update(
        Order,
        { id: order.id, status: 'printing' },
        { needsAttention: false, attentionClockAt: now, updatedAt: now },
      );
      if (!result.affected) return false;
      await this.events.order(manager, order, 'serve_again', now, { by: author });
      return true;
    });
    if (!done) {
      throw new DomainError(
        'order_not_actionable',
        `Only an order being served can be served again (this one is ${order.status})`,
      );
    }
    return this.orders.findOneByOrFail({ id: order.id });
  }

  /** Move a waiting order to another printer of the same restaurant; it keeps its place in line. */
  async move(scope: TenantScope, order: Order, targetPrinterId: string, author: string): Promise<Order> {
    const target = await this.printers.findOneBy(
      scope.where<Printer>({ id: targetPrinterId, tenantId: order.tenantId, deletedAt: IsNull() }),
    );
    if (!target) throw notFound('Printer');
    if (target.id === order.printerId) {
      throw new DomainError('order_not_actionable', 'The order is already on that printer');
    }
    const now = this.clock.now();
    const done = await this.tx.run(async (manager) => {
      const result = await manager.update(
        Order,
        { id: order.id, status: In(WAITING) },
        {
          printerId: target.id,
          status: 'queued',
          wire: null,
          needsAttention: false,
          attentionClockAt: null,
          queuedAt: order.queuedAt ?? now,
          updatedAt: now,
        },
      );
      if (!result.affected) return false;
      if (order.printerId !== null) {
        await manager.update(
          Printer,
          { id: order.printerId, servingOrderId: order.id },
          { servingOrderId: null },
        );
      }
      await this.events.order(manager, { ...order, printerId: target.id }, 'moved', now, {
        by: author,
        from: order.printerId,
        to: target.id,
      });
      return true;
    });
    if (!done) throw alreadyAnswered(await this.orders.findOneByOrFail({ id: order.id }));
    return this.orders.findOneByOrFail({ id: order.id });
  }

  /** Queue-health job: served orders unanswered past their printer's limit need a human. */
  async flagUnanswered(): Promise<number> {
    const now = this.clock.now();
    const candidates = await this.orders.find({
      select: { id: true, tenantId: true, printerId: true, attentionClockAt: true, status: true },
      where: { status: 'printing', needsAttention: false, printerId: Not(IsNull()) },
    });
    if (candidates.length === 0) return 0;
    const printerIds = [...new Set(candidates.map((o) => o.printerId as string))];
    const limits = new Map(
      (
        await this.printers.find({
          select: { id: true, unansweredLimitSeconds: true },
          where: { id: In(printerIds) },
        })
      ).map((p) => [p.id, p.unansweredLimitSeconds * 1000]),
    );
    let flagged = 0;
    for (const order of candidates) {
      const limit = limits.get(order.printerId as string);
      if (limit === undefined || order.attentionClockAt === null || now - order.attentionClockAt < limit)
        continue;
      const won = await this.tx.run(async (manager) => {
        const result = await manager.update(
          Order,
          { id: order.id, status: 'printing', needsAttention: false },
          { needsAttention: true, updatedAt: now },
        );
        if (!result.affected) return false;
        await this.events.order(manager, order, 'needs_attention', now, {
          unansweredSeconds: Math.round((now - order.attentionClockAt!) / 1000),
        });
        return true;
      });
      if (won) flagged += 1;
    }
    if (flagged > 0) this.logger.warn(`${flagged} served order(s) unanswered past their limit`);
    return flagged;
  }

  async addNote(
    manager: EntityManager | null,
    orderId: string,
    text: string,
    author: string,
    at: number,
  ): Promise<void> {
    const note = { id: randomUUID(), orderId, text: text.slice(0, 2000), author, createdAt: at };
    await (manager ? manager.insert(OrderNote, note) : this.orders.manager.insert(OrderNote, note));
  }

  private async hasQueued(printerId: string): Promise<boolean> {
    return this.orders.existsBy({ printerId, status: 'queued' });
  }
}

function alreadyAnswered(order: Order): DomainError {
  return new DomainError(
    'order_already_answered',
    `The order is already ${order.status}; nothing was changed`,
  );
}
