import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, Scope } from '../../common/auth/decorators';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { MoveOrderDto } from '../order/dto/create-order.dto';
import { orderSummaryView } from '../order/order.view';
import { DeletePrinterQuery } from './dto/delete-printer.query';
import { QueueService } from './queue.service';

@ApiTags('queue')
@ApiBearerAuth()
@Controller('api/v1')
export class QueueController {
  constructor(private readonly queues: QueueService) {}

  @Get('printers/:id/queue')
  async queue(@Scope() scope: TenantScope, @Param('id') id: string) {
    const { printer, serving, waiting, recent } = await this.queues.queue(scope, id);
    return {
      printerId: printer.id,
      serving: serving ? orderSummaryView(serving) : null,
      waiting: waiting.map(orderSummaryView),
      recent: recent.map(orderSummaryView),
    };
  }

  @Post('printers/:id/test-order')
  @Roles('owner', 'staff')
  async testOrder(@Scope() scope: TenantScope, @Param('id') id: string) {
    return orderSummaryView(await this.queues.sendTestOrder(scope, id));
  }

  @Delete('printers/:id')
  @HttpCode(204)
  @Roles('owner')
  async deletePrinter(
    @Scope() scope: TenantScope,
    @Param('id') id: string,
    @Query() query: DeletePrinterQuery,
  ) {
    await this.queues.deletePrinter(scope, id, query.pendingOrders, query.targetPrinterId);
  }

  @Post('orders/:id/serve-again')
  @HttpCode(200)
  @Roles('owner', 'staff', 'support')
  async serveAgain(@Scope() scope: TenantScope, @Param('id') id: string) {
    return orderSummaryView(await this.queues.serveAgain(scope, id));
  }

  @Post('orders/:id/move')
  @HttpCode(200)
  @Roles('owner', 'staff', 'support')
  async move(@Scope() scope: TenantScope, @Param('id') id: string, @Body() dto: MoveOrderDto) {
    return orderSummaryView(await this.queues.move(scope, id, dto.printerId));
  }
}
