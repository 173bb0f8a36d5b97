import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, type Repository } from 'typeorm';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { type Clock, CLOCK } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { OrderLifecycle, WAITING } from '../order/order-lifecycle.service';
import { Order } from '../order/order.entity';
import { OrderService } from '../order/order.service';
import { Printer } from '../printer/printer.entity';
import { isOnline, ONLINE_INTERVALS, PrinterService } from '../printer/printer.service';

const RECENT_HISTORY = 20;

@Injectable()
export class QueueService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly printers: PrinterService,
    private readonly orders: OrderService,
    private readonly lifecycle: OrderLifecycle,
    private readonly events: EventService,
    @InjectRepository(Order) private readonly orderRepo: Repository<Order>,
    @InjectRepository(Printer) private readonly printerRepo: Repository<Printer>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The printer's queue as staff see it: being served, waiting in FIFO order, recent history. */
  async queue(scope: TenantScope, printerId: string) {
    const printer = await this.printers.get(scope, printerId);
    const waiting = await this.orderRepo.find({
      where: { printerId: printer.id, status: In(WAITING) },
      order: { queuedAt: 'ASC', number: 'ASC' },
    });
    const recent = await this.orderRepo.find({
      where: { printerId: printer.id, status: Not(In(WAITING)) },
      order: { updatedAt: 'DESC' },
      take: RECENT_HISTORY,
    });
    const serving = waiting.find((order) => order.status === 'printing') ?? null;
    return { printer, serving, waiting: waiting.filter((order) => order !== serving), recent };
  }

  /** A sample order for the technician: it prints at once so Accept/Reject can be tried. */
  async sendTestOrder(scope: TenantScope, printerId: string): Promise<Order> {
    const printer = await this.printers.get(scope, printerId);
    const { order } = await this.orders.intake(scope, {
      externalId: `test-${this.clock.now().toString(36)}`,
      printerId: printer.id,
      type: 'delivery',
      items: [
        {
          name: 'Pizza Margherita',
          quantity: 2,
          unitPrice: '7.50',
          options: [{ name: 'Extra mozzarella', price: '1.00' }],
        },
        { name: 'Tiramisù', quantity: 1, unitPrice: '4.50', note: 'Test order: press Accept or Reject' },
      ],
      deliveryFee: '2.00',
      total: '23.50',
      paymentMethod: 'cod',
      requiresConfirmation: true,
      customer: { name: 'GoodCom Bridge test', address: 'Via Roma 1', phone: '+39 000 0000000' },
      notes: 'This is a test order from GoodCom Bridge',
    });
    return order;
  }

  async serveAgain(scope: TenantScope, orderId: string): Promise<Order> {
    return this.lifecycle.serveAgain(await this.orders.get(scope, orderId), scope.actor);
  }

  async move(scope: TenantScope, orderId: string, printerId: string): Promise<Order> {
    return this.lifecycle.move(scope, await this.orders.get(scope, orderId), printerId, scope.actor);
  }

  /**
   * Deleting a printer never strands orders: refused while orders wait, unless the caller says to
   * cancel them or move them to another printer. Its URLs stop working at once.
   */
  async deletePrinter(
    scope: TenantScope,
    printerId: string,
    pendingOrders: 'cancel' | 'move' | undefined,
    targetPrinterId: string | undefined,
  ): Promise<void> {
    const printer = await this.printers.get(scope, printerId);
    const waiting = await this.orderRepo.find({ where: { printerId: printer.id, status: In(WAITING) } });
    if (waiting.length > 0 && pendingOrders === undefined) {
      throw new DomainError(
        'printer_has_orders',
        `${waiting.length} order(s) still wait on this printer: move them (pendingOrders=move&targetPrinterId=…) or cancel them (pendingOrders=cancel)`,
        { waiting: waiting.length },
      );
    }
    if (pendingOrders === 'move' && targetPrinterId !== undefined)
      await this.printers.get(scope, targetPrinterId);
    for (const order of waiting) {
      if (pendingOrders === 'move') await this.lifecycle.move(scope, order, targetPrinterId!, scope.actor);
      else await this.lifecycle.cancel(order, 'Cancelled because its printer was deleted', scope.actor);
    }
    const now = this.clock.now();
    await this.tx.run(async (manager) => {
      await manager.update(
        Printer,
        { id: printer.id },
        { deletedAt: now, tokenHash: null, tokenSealed: null, isDefault: false, servingOrderId: null },
      );
      await this.events.printer(manager, printer, 'deleted', now);
      if (printer.isDefault) {
        const next = await manager.findOne(Printer, {
          where: { tenantId: printer.tenantId, deletedAt: IsNull() },
          order: { createdAt: 'ASC' },
        });
        if (next) await manager.update(Printer, { id: next.id }, { isDefault: true });
      }
    });
  }

  /** Queue health, safe on several instances: every flag is a conditional update only one wins. */
  async sweep(): Promise<{ unanswered: number; offline: number }> {
    const unanswered = await this.lifecycle.flagUnanswered();
    return { unanswered, offline: await this.flagOfflinePrinters() };
  }

  private async flagOfflinePrinters(): Promise<number> {
    const now = this.clock.now();
    const withWork = await this.orderRepo
      .createQueryBuilder('o')
      .select('DISTINCT o.printerId', 'printerId')
      .where({ status: In(WAITING), printerId: Not(IsNull()) })
      .getRawMany<{ printerId: string }>();
    if (withWork.length === 0) return 0;
    const printers = await this.printerRepo.find({
      where: { id: In(withWork.map((row) => row.printerId)), offlineSince: IsNull(), deletedAt: IsNull() },
    });
    let flagged = 0;
    for (const printer of printers) {
      if (isOnline(printer, now)) continue;
      const won = await this.tx.run(async (manager) => {
        const result = await manager.update(
          Printer,
          { id: printer.id, offlineSince: IsNull() },
          { offlineSince: now },
        );
        if (!result.affected) return false;
        await this.events.printer(manager, printer, 'offline', now, {
          lastPollAt: printer.lastPollAt,
          silentForSeconds: ONLINE_INTERVALS * printer.pollIntervalSeconds,
        });
        return true;
      });
      if (won) flagged += 1;
    }
    return flagged;
  }
}
