import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllowApiKey, Scope } from '../../common/auth/decorators';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { CancelOrderDto, CreateOrderDto } from './dto/create-order.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderService } from './order.service';
import { orderSummaryView, orderView } from './order.view';

@ApiTags('orders')
@ApiBearerAuth()
@ApiSecurity('api-key')
@AllowApiKey()
@Controller('api/v1/orders')
export class OrderController {
  constructor(private readonly orders: OrderService) {}

  /** 201 with the new order, or 200 with the existing one when the externalId was seen before. */
  @Post()
  async create(
    @Scope() scope: TenantScope,
    @Body() dto: CreateOrderDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { order, created } = await this.orders.intake(scope, dto);
    response.status(created ? 201 : 200);
    const { notes, events } = await this.orders.details(order);
    return orderView(order, notes, events);
  }

  @Get()
  async list(@Scope() scope: TenantScope, @Query() query: ListOrdersQuery) {
    const { items, nextCursor } = await this.orders.list(scope, query);
    return { items: items.map(orderSummaryView), nextCursor };
  }

  @Get(':id')
  async one(@Scope() scope: TenantScope, @Param('id') id: string) {
    const order = await this.orders.get(scope, id);
    const { notes, events } = await this.orders.details(order);
    return {
      ...orderView(order, notes, events),
      wire: await this.orders.wireFor(order),
      wireFrozen: order.wire !== null,
    };
  }

  /** Withdraw an order before the printer answered (the shop, or staff with a note). */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Scope() scope: TenantScope, @Param('id') id: string, @Body() dto: CancelOrderDto) {
    const cancelled = await this.orders.cancel(scope, id, dto.note);
    const { notes, events } = await this.orders.details(cancelled);
    return orderView(cancelled, notes, events);
  }
}
