import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/tokens';
import { ShopService } from './shop.service';

const JOB = 'shop-poll';

/** Polls shops that cannot push their orders (Framework360 without a webhook). */
@Injectable()
export class ShopCron implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ShopCron.name);
  private running = false;

  constructor(
    private readonly shops: ShopService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.integrations.shopPollSeconds;
    if (seconds === 0) return;
    const timer = setInterval(() => void this.tick(seconds * 1000), seconds * 1000);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  private async tick(intervalMs: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const connection of await this.shops.duePolls(intervalMs)) {
        await this.shops.poll(connection).catch((error: unknown) => {
          this.logger.warn(`polling shop ${connection.id} failed: ${(error as Error).message}`);
        });
      }
    } catch (error) {
      this.logger.error(`shop polling failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
