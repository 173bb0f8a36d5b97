import { Inject, Injectable } from '@nestjs/common';
import { MissLimiter } from '../../common/unknown-token-limiter';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG, type Clock, CLOCK } from '../../infra/tokens';
import type { Printer } from './printer.entity';
import { type PollTarget, PrinterService } from './printer.service';

/** The client's address, or a function giving it: only misses need it, so polls need not work it out. */
type Client = string | (() => string);

/**
 * Finds the printer behind a URL token; clients guessing tokens are throttled, printers never.
 * The token is looked up before the limiter is asked: a valid token always works, even from an
 * address that is blocked for guessing (GPRS printers share carrier NAT addresses with strangers,
 * who must not be able to knock them offline). Tokens are 192-bit random, so letting a blocked
 * client's lookups proceed gives a guesser nothing; its misses still get 429.
 */
@Injectable()
export class PrinterAuthenticator {
  private readonly misses: MissLimiter;

  constructor(
    private readonly printers: PrinterService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.misses = new MissLimiter(config.limits.unknownTokenAttemptsPerMinute);
  }

  /** The printer, `null` for an unknown token, or `'blocked'` once this client guessed too often. */
  authenticate(token: string, client: Client): Promise<Printer | null | 'blocked'> {
    return this.identify(token, client, (t) => this.printers.findByToken(t));
  }

  /** The same for the order receiving URL, which also learns in that one query whether an order waits. */
  authenticateForPoll(token: string, client: Client): Promise<PollTarget | null | 'blocked'> {
    return this.identify(token, client, (t) => this.printers.findForPoll(t));
  }

  private async identify<T>(
    token: string,
    client: Client,
    lookup: (token: string) => Promise<T | null>,
  ): Promise<T | null | 'blocked'> {
    const found = await lookup(token);
    if (found) return found;
    const now = this.clock.now();
    const address = typeof client === 'function' ? client() : client;
    if (this.misses.isBlocked(address, now)) return 'blocked';
    this.misses.recordMiss(address, now);
    return null;
  }
}
