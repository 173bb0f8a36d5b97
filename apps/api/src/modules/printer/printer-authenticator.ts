import { Inject, Injectable } from '@nestjs/common';
import { MissLimiter } from '../../common/unknown-token-limiter';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG, type Clock, CLOCK } from '../../infra/tokens';
import type { Printer } from './printer.entity';
import { PrinterService } from './printer.service';

/** Finds the printer behind a URL token; clients guessing tokens are throttled, printers never. */
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
  async authenticate(token: string, client: string): Promise<Printer | null | 'blocked'> {
    const now = this.clock.now();
    if (this.misses.isBlocked(client, now)) return 'blocked';
    const printer = await this.printers.findByToken(token);
    if (!printer) this.misses.recordMiss(client, now);
    return printer;
  }
}
