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
import { QueueService } from './queue.service';

const JOB = 'queue-health';

/** Runs the queue-health sweep on an interval; the handler only calls the service. */
@Injectable()
export class QueueCron implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueCron.name);
  private running = false;

  constructor(
    private readonly queues: QueueService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.queueSweepSeconds === 0) return;
    const timer = setInterval(() => void this.tick(), this.config.queueSweepSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.queues.sweep();
    } catch (error) {
      this.logger.error(`queue-health sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
