import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { clientAddress, sendEdgeAnswer } from '../../common/edge-answer';
import { PollService } from './poll.service';

/** The printer's order receiving URL (GET; POST tolerated). Answers in the printer's protocol only. */
@ApiExcludeController()
@Public()
@Controller('gc/:token')
export class PollController {
  constructor(private readonly polls: PollService) {}

  @All('order')
  async poll(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const answer = await this.polls.poll(token, request.headers.range, () => clientAddress(request));
    sendEdgeAnswer(response, answer, answer.body.length > 0);
  }
}
