import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A job that runs every `seconds()` on each instance, never overlapping itself, registered with
 * Nest's scheduler so it stops with the app. Subclasses only say what one run does; the work must be
 * safe on several instances at once (conditional updates), which is the services' business.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private running = false;

  protected constructor(
    private readonly name: string,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /** 0 disables the job (tests drive the service by hand). */
  protected abstract seconds(): number;

  protected abstract run(): Promise<void>;

  onApplicationBootstrap(): void {
    const seconds = this.seconds();
    if (seconds === 0) return;
    const timer = setInterval(() => void this.tick(), seconds * 1000);
    timer.unref();
    this.scheduler.addInterval(this.name, timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', this.name)) this.scheduler.deleteInterval(this.name);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.run();
    } catch (error) {
      this.logger.error(`${this.name} failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
