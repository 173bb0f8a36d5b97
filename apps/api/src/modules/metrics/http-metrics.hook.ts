import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MetricsService } from './metrics.service';

/**
 * Times every request at the HTTP server itself, ahead of Express: requests refused by body
 * parsers, unknown paths and static files are measured too, not only those reaching a controller.
 * The route template is read when the response closes, after Express has matched it.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  private readonly onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observeRequest(request, response, seconds);
    });
  };

  onModuleInit(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.prependListener('request', this.onRequest);
  }

  onApplicationShutdown(): void {
    this.server?.removeListener('request', this.onRequest);
  }
}
