import { Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../infra/config/app-config';
import { IntervalJob } from '../../infra/scheduler/interval-job';
import { APP_CONFIG } from '../../infra/tokens';
import { ShopService } from './shop.service';

/** Polls shops that cannot push their orders (Framework360 without a webhook). */
@Injectable()
export class ShopCron extends IntervalJob {
  private readonly log = new Logger(ShopCron.name);

  constructor(
    private readonly shops: ShopService,
    scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('shop-poll', scheduler);
  }

  protected seconds(): number {
    return this.config.integrations.shopPollSeconds;
  }

  protected async run(): Promise<void> {
    for (const connection of await this.shops.duePolls(this.seconds() * 1000)) {
      // One shop that is down must not stop the others.
      await this.shops.poll(connection).catch((error: unknown) => {
        this.log.warn(`polling shop ${connection.id} failed: ${(error as Error).message}`);
      });
    }
  }
}
