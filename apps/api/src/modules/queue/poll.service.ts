import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { answerRange } from '@goodcom/protocol';
import { EMPTY_BODY, type EdgeAnswer, NOT_FOUND_ANSWER, TOO_MANY_ANSWER } from '../../common/edge-answer';
import { type Clock, CLOCK } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import { PrinterAuthenticator } from '../printer/printer-authenticator';
import { Printer } from '../printer/printer.entity';

/** The order receiving URL: the head of this printer's queue, or an empty 200. */
@Injectable()
export class PollService {
  constructor(
    private readonly authenticator: PrinterAuthenticator,
    private readonly lifecycle: OrderLifecycle,
    private readonly events: EventService,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async poll(token: string, range: string | undefined, client: string): Promise<EdgeAnswer> {
    const printer = await this.authenticator.authenticate(token, client);
    if (printer === 'blocked') return TOO_MANY_ANSWER;
    if (!printer) return NOT_FOUND_ANSWER;
    await this.notePoll(printer);
    const order = await this.lifecycle.serve(printer);
    if (!order?.wire) return { status: 200, headers: {}, body: EMPTY_BODY };
    return answerRange(order.wire, range);
  }

  private async notePoll(printer: Printer): Promise<void> {
    const now = this.clock.now();
    const wasOffline = printer.offlineSince !== null;
    await this.printers.update(
      { id: printer.id },
      { lastPollAt: now, ...(wasOffline ? { offlineSince: null } : {}) },
    );
    if (printer.lastPollAt === null) await this.events.printer(null, printer, 'first_poll', now);
    if (wasOffline)
      await this.events.printer(null, printer, 'back_online', now, { offlineSince: printer.offlineSince });
  }
}
