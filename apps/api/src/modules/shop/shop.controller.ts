import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BaseUrl } from '../../common/base-url';
import { Roles, Scope } from '../../common/auth/decorators';
import { TenantFilterQuery } from '../../common/auth/tenant-filter.query';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { OutboxService } from '../outbox/outbox.service';
import { ListDeliveriesQuery } from '../webhook/dto/webhook.dto';
import { CreateConnectionDto, UpdateConnectionDto } from './dto/connection.dto';
import type { ShopConnection } from './shop-connection.entity';
import { ShopService } from './shop.service';

@ApiTags('shops')
@ApiBearerAuth()
@Controller('api/v1/connections')
export class ShopController {
  constructor(
    private readonly shops: ShopService,
    private readonly outbox: OutboxService,
  ) {}

  private async view(connection: ShopConnection, baseUrl: string) {
    const [view] = await this.shops.views([connection], baseUrl);
    return view!;
  }

  @Post()
  @Roles('owner')
  async create(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Body() dto: CreateConnectionDto) {
    const { connection, secret } = await this.shops.create(scope, dto);
    const view = await this.view(connection, baseUrl);
    return { ...view, webhookUrl: this.shops.webhookUrl(connection, baseUrl, secret), webhookSecret: secret };
  }

  @Get()
  @Roles('owner', 'support')
  async list(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Query() query: TenantFilterQuery) {
    return { items: await this.shops.views(await this.shops.list(scope.narrowTo(query.tenantId)), baseUrl) };
  }

  @Get(':id')
  @Roles('owner', 'support')
  async get(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Param('id') id: string) {
    return this.view(await this.shops.get(scope, id), baseUrl);
  }

  @Patch(':id')
  @Roles('owner')
  async update(
    @Scope() scope: TenantScope,
    @BaseUrl() baseUrl: string,
    @Param('id') id: string,
    @Body() dto: UpdateConnectionDto,
  ) {
    return this.view(await this.shops.update(scope, id, dto), baseUrl);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner')
  async remove(@Scope() scope: TenantScope, @Param('id') id: string): Promise<void> {
    await this.shops.remove(scope, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles('owner')
  async rotate(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Param('id') id: string) {
    const { connection, secret } = await this.shops.rotateSecret(scope, id);
    const view = await this.view(connection, baseUrl);
    return { ...view, webhookUrl: this.shops.webhookUrl(connection, baseUrl, secret), webhookSecret: secret };
  }

  @Get(':id/deliveries')
  @Roles('owner', 'support')
  async deliveries(
    @Scope() scope: TenantScope,
    @Param('id') id: string,
    @Query() query: ListDeliveriesQuery,
  ) {
    const connection = await this.shops.get(scope, id);
    return { items: await this.outbox.list(scope, connection.id, query) };
  }

  @Get(':id/inbound')
  @Roles('owner', 'support')
  async inbound(@Scope() scope: TenantScope, @Param('id') id: string) {
    return { items: await this.shops.inboundLog(scope, id) };
  }

  @Get(':id/statuses')
  @Roles('owner', 'support')
  async statuses(@Scope() scope: TenantScope, @Param('id') id: string) {
    return { items: await this.shops.statuses(scope, id) };
  }

  @Post(':id/poll')
  @HttpCode(200)
  @Roles('owner', 'support')
  poll(@Scope() scope: TenantScope, @Param('id') id: string) {
    return this.shops.pollNow(scope, id);
  }
}
