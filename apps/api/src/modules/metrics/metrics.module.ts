import { Global, Module } from '@nestjs/common';
import { DatabaseSnapshots } from './database-snapshot';
import { HttpMetricsHook } from './http-metrics.hook';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** `GET /metrics`. Global, so any module can inject MetricsService to record its own events. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, DatabaseSnapshots, HttpMetricsHook],
  exports: [MetricsService],
})
export class MetricsModule {}
