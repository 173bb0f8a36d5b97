import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { answerRange } from '@goodcom/protocol';
import { EMPTY_BODY, type EdgeAnswer, NOT_FOUND_ANSWER, TOO_MANY_ANSWER } from '../../common/edge-answer';
import { type Clock, CLOCK } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import { PrinterAuthenticator } from '../printer/printer-authenticator';
import { Printer } from '../printer/printer.entity';
import { PrinterService } from '../printer/printer.service';

const NOTHING_TO_PRINT: EdgeAnswer = { status: 200, headers: {}, body: EMPTY_BODY };

/** Upper bound on how stale a polling printer's stored `lastPollAt` may get. */
const MAX_POLL_WRITE_INTERVAL_MS = 5_000;

/** Refreshed poll times are written together, at most this long after the poll. */
export const POLL_FLUSH_DELAY_MS = 1_000;

/**
 * How long after the stored `lastPollAt` a poll is written again: half the printer's interval, at
 * most 5 s. Online means "polled within three intervals", so a printer that keeps polling is never
 * shown offline, and one that stopped is shown offline at most half an interval (plus the 1 s
 * flush delay) early. The queue sweep, which flags offline printers, runs every 30 s anyway.
 * Printers polling every 10 s (the default) are written on every poll; the throttle spares the
 * database from fast or misconfigured pollers and from several instances answering one printer.
 */
export function pollWriteIntervalMs(printer: Printer): number {
  return Math.min(MAX_POLL_WRITE_INTERVAL_MS, printer.pollIntervalSeconds * 500);
}

/** The order receiving URL: the head of this printer's queue, or an empty 200. */
@Injectable()
export class PollService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PollService.name);
  /** Poll times waiting to be written, by printer id (a later poll replaces an earlier one). */
  private readonly pendingPolls = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly authenticator: PrinterAuthenticator,
    private readonly printerService: PrinterService,
    private readonly lifecycle: OrderLifecycle,
    private readonly events: EventService,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `client` is only called for unknown tokens (it resolves the address behind proxies). */
  async poll(token: string, range: string | undefined, client: () => string): Promise<EdgeAnswer> {
    const target = await this.authenticator.authenticateForPoll(token, client);
    if (target === 'blocked') return TOO_MANY_ANSWER;
    if (!target) return NOT_FOUND_ANSWER;
    const { printer, hasQueued } = target;
    await this.notePoll(printer);
    // Nothing being served and nothing queued: an idle poll ends here, after its one query.
    if (printer.servingOrderId === null && !hasQueued) return NOTHING_TO_PRINT;
    const order = await this.lifecycle.serve(printer);
    if (!order?.wire) return NOTHING_TO_PRINT;
    return answerRange(order.wire, range);
  }

  /** Writes the poll times still waiting (tests call it; shutdown does too). */
  async flushPollTimes(): Promise<void> {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pendingPolls.size === 0) return;
    const batch = new Map(this.pendingPolls);
    this.pendingPolls.clear();
    try {
      await this.printerService.recordPolls(batch);
    } catch (error) {
      // Soft state: each printer's next poll queues its time again, the stored one being old.
      this.logger.warn(`could not store ${batch.size} poll time(s): ${(error as Error).message}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flushPollTimes();
  }

  /**
   * The first poll ever and the first after being flagged offline are written at once, with their
   * events (the dashboard's "printer connected" and "back online"). Later polls only refresh
   * `lastPollAt`, at most once per `pollWriteIntervalMs`, batched with other printers' refreshes
   * into one UPDATE within `POLL_FLUSH_DELAY_MS`, so an idle poll itself never writes.
   */
  private async notePoll(printer: Printer): Promise<void> {
    const now = this.clock.now();
    const firstPoll = printer.lastPollAt === null;
    const wasOffline = printer.offlineSince !== null;
    if (!firstPoll && !wasOffline) {
      if (now - (printer.lastPollAt ?? 0) >= pollWriteIntervalMs(printer))
        this.queuePollTime(printer.id, now);
      return;
    }
    await this.printers.update(
      { id: printer.id },
      { lastPollAt: now, ...(wasOffline ? { offlineSince: null } : {}) },
    );
    if (firstPoll) await this.events.printer(null, printer, 'first_poll', now);
    if (wasOffline)
      await this.events.printer(null, printer, 'back_online', now, { offlineSince: printer.offlineSince });
  }

  private queuePollTime(printerId: string, at: number): void {
    this.pendingPolls.set(printerId, at);
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => void this.flushPollTimes(), POLL_FLUSH_DELAY_MS);
      this.flushTimer.unref();
    }
  }
}
