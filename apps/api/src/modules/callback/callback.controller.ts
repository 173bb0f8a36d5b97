import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { clientAddress, sendEdgeAnswer } from '../../common/edge-answer';
import { CallbackService } from './callback.service';

function rawQuery(request: Request): string {
  const mark = request.originalUrl.indexOf('?');
  return mark === -1 ? '' : request.originalUrl.slice(mark + 1);
}

/** The printer's callback URL (GET, or POST with a form body). */
@ApiExcludeController()
@Public()
@Controller('gc/:token')
export class CallbackController {
  constructor(private readonly callbacks: CallbackService) {}

  @All('callback')
  async callback(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Printer routes get their body as raw text (see the app factory): the lib parses it leniently.
    const body = typeof request.body === 'string' ? request.body : '';
    const params = [rawQuery(request), body].filter((part) => part !== '').join('&');
    sendEdgeAnswer(response, await this.callbacks.handle(token, params, clientAddress(request)), false);
  }
}
