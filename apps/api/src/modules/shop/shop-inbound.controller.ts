import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/auth/decorators';
import type { InboundRequest } from './shop-adapter';
import { type InboundAnswer, ShopService } from './shop.service';

function inboundRequest(request: Request, pathSecret: string | null): InboundRequest {
  const body: unknown = request.body;
  return {
    headers: request.headers,
    rawBody: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
    pathSecret,
  };
}

/** Where shops deliver new orders. Authenticated by each platform's signature or path secret. */
@ApiExcludeController()
@Public()
@Controller('hooks')
export class ShopInboundController {
  constructor(private readonly shops: ShopService) {}

  @Post('woocommerce/:connectionId')
  @HttpCode(200)
  woocommerce(@Param('connectionId') connectionId: string, @Req() request: Request): Promise<InboundAnswer> {
    return this.shops.receive('woocommerce', connectionId, inboundRequest(request, null));
  }

  @Post('framework360/:connectionId/:secret')
  @HttpCode(200)
  framework360(
    @Param('connectionId') connectionId: string,
    @Param('secret') secret: string,
    @Req() request: Request,
  ): Promise<InboundAnswer> {
    return this.shops.receive('framework360', connectionId, inboundRequest(request, secret));
  }
}
