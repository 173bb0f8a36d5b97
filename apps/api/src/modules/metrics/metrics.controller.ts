import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/tokens';
import { metricsRefusal } from './metrics-access';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Answers in plain text like the exposition format itself (also when
 * refusing), outside /api: no JSON error body, no session or API-key authentication.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.set('Cache-Control', 'no-store');
    const refusal = metricsRefusal(request, this.config.metrics.token);
    if (refusal) {
      response.status(refusal.status).set(refusal.headers).type('text/plain').send(`${refusal.message}\n`);
      return;
    }
    const body = await this.metrics.render();
    // `end`, not `send`: Express would reorder the exposition format's Content-Type parameters.
    response.status(200).set('Content-Type', this.metrics.contentType).end(body);
  }
}
