import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../infra/config/app-config';
import { IntervalJob } from '../../infra/scheduler/interval-job';
import { APP_CONFIG } from '../../infra/tokens';
import { QueueService } from './queue.service';

/** Runs the queue-health sweep on an interval; the handler only calls the service. */
@Injectable()
export class QueueCron extends IntervalJob {
  constructor(
    private readonly queues: QueueService,
    scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('queue-health', scheduler);
  }

  protected seconds(): number {
    return this.config.queueSweepSeconds;
  }

  protected async run(): Promise<void> {
    await this.queues.sweep();
  }
}
