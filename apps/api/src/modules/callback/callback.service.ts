import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { parseCallback } from '@goodcom/protocol';
import { type EdgeAnswer, NOT_FOUND_ANSWER, TOO_MANY_ANSWER } from '../../common/edge-answer';
import { type Clock, CLOCK } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import { PrinterAuthenticator } from '../printer/printer-authenticator';
import { Printer } from '../printer/printer.entity';
import { Tenant } from '../tenant/tenant.entity';

const OK = Buffer.from('OK');

/** Accept/Reject from the printer. A known printer always gets `200 OK`: duplicates change nothing. */
@Injectable()
export class CallbackService {
  constructor(
    private readonly authenticator: PrinterAuthenticator,
    private readonly lifecycle: OrderLifecycle,
    private readonly events: EventService,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(token: string, params: string, client: string): Promise<EdgeAnswer> {
    const printer = await this.authenticator.authenticate(token, client);
    if (printer === 'blocked') return TOO_MANY_ANSWER;
    if (!printer) return NOT_FOUND_ANSWER;
    const now = this.clock.now();
    await this.printers.update({ id: printer.id }, { lastCallbackAt: now });
    const parsed = parseCallback(params);
    if (!parsed.ok) {
      await this.events.printer(null, printer, 'callback_invalid', now, { error: parsed.error.message });
      return { status: 200, headers: {}, body: OK };
    }
    const tenant = await this.tenants.findOneBy({ id: printer.tenantId });
    const result = await this.lifecycle.answer(
      printer,
      parsed.value,
      printer.timeZone ?? tenant?.timeZone ?? 'UTC',
    );
    return { status: 200, headers: result.moreWaiting ? { 'More-orders': '1' } : {}, body: OK };
  }
}
