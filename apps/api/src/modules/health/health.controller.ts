import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** The process is up. */
  @Get('health')
  @HttpCode(200)
  health() {
    return { status: 'ok' };
  }

  /** The database answers: safe to send traffic here. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ready', database: this.dataSource.options.type };
    } catch (error) {
      response.status(503);
      return { status: 'not ready', database: this.dataSource.options.type, error: (error as Error).message };
    }
  }
}
