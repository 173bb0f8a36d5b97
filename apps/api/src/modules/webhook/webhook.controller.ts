import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, Scope } from '../../common/auth/decorators';
import { TenantFilterQuery } from '../../common/auth/tenant-filter.query';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { OutboxService } from '../outbox/outbox.service';
import { CreateWebhookDto, ListDeliveriesQuery, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhookChannel } from './webhook.channel';
import { WebhookService } from './webhook.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class WebhookController {
  constructor(
    private readonly webhooks: WebhookService,
    private readonly channel: WebhookChannel,
    private readonly outbox: OutboxService,
  ) {}

  @Post()
  @Roles('owner')
  async create(@Scope() scope: TenantScope, @Body() dto: CreateWebhookDto) {
    const { endpoint, secret } = await this.webhooks.create(scope, dto);
    const [view] = await this.webhooks.views([endpoint]);
    return { ...view!, secret };
  }

  @Get()
  @Roles('owner', 'support')
  async list(@Scope() scope: TenantScope, @Query() query: TenantFilterQuery) {
    return { items: await this.webhooks.views(await this.webhooks.list(scope.narrowTo(query.tenantId))) };
  }

  @Get(':id')
  @Roles('owner', 'support')
  async get(@Scope() scope: TenantScope, @Param('id') id: string) {
    const [view] = await this.webhooks.views([await this.webhooks.get(scope, id)]);
    return view!;
  }

  @Patch(':id')
  @Roles('owner')
  async update(@Scope() scope: TenantScope, @Param('id') id: string, @Body() dto: UpdateWebhookDto) {
    const [view] = await this.webhooks.views([await this.webhooks.update(scope, id, dto)]);
    return view!;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner')
  async remove(@Scope() scope: TenantScope, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(scope, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles('owner')
  async rotate(@Scope() scope: TenantScope, @Param('id') id: string) {
    const { endpoint, secret } = await this.webhooks.rotateSecret(scope, id);
    const [view] = await this.webhooks.views([endpoint]);
    return { ...view!, secret };
  }

  @Post(':id/test')
  @HttpCode(202)
  @Roles('owner')
  async test(@Scope() scope: TenantScope, @Param('id') id: string) {
    await this.channel.ping(await this.webhooks.get(scope, id));
    return { queued: true };
  }

  @Get(':id/deliveries')
  @Roles('owner', 'support')
  async deliveries(
    @Scope() scope: TenantScope,
    @Param('id') id: string,
    @Query() query: ListDeliveriesQuery,
  ) {
    const endpoint = await this.webhooks.get(scope, id);
    return { items: await this.outbox.list(scope, endpoint.id, query) };
  }
}

/** Deliveries of every kind (webhooks and shop status pushes) by id: detail and manual redelivery. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/deliveries')
export class DeliveryController {
  constructor(private readonly outbox: OutboxService) {}

  @Get(':id')
  @Roles('owner', 'support')
  detail(@Scope() scope: TenantScope, @Param('id', ParseIntPipe) id: number) {
    return this.outbox.detail(scope, id);
  }

  @Post(':id/redeliver')
  @HttpCode(200)
  @Roles('owner')
  redeliver(@Scope() scope: TenantScope, @Param('id', ParseIntPipe) id: number) {
    return this.outbox.redeliver(scope, id);
  }
}
