import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, Scope } from '../../common/auth/decorators';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { TenantFilterQuery } from '../../common/auth/tenant-filter.query';
import { BaseUrl } from '../../common/base-url';
import { EventService } from '../event/event.service';
import { CreatePrinterDto, UpdatePrinterDto } from './dto/printer.dto';
import { PrinterService } from './printer.service';

@ApiTags('printers')
@ApiBearerAuth()
@Controller('api/v1/printers')
export class PrinterController {
  constructor(
    private readonly printers: PrinterService,
    private readonly events: EventService,
  ) {}

  @Post()
  @Roles('owner')
  async create(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Body() dto: CreatePrinterDto) {
    return this.printers.view(await this.printers.create(scope, dto), baseUrl, 0);
  }

  @Get()
  async list(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Query() query: TenantFilterQuery) {
    const printers = await this.printers.list(scope.narrowTo(query.tenantId));
    const depths = await this.printers.queueDepths(printers.map((p) => p.id));
    return { items: printers.map((p) => this.printers.view(p, baseUrl, depths.get(p.id) ?? 0)) };
  }

  @Get(':id')
  async one(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Param('id') id: string) {
    return this.printers.describe(await this.printers.get(scope, id), baseUrl);
  }

  @Patch(':id')
  @Roles('owner')
  async update(
    @Scope() scope: TenantScope,
    @BaseUrl() baseUrl: string,
    @Param('id') id: string,
    @Body() dto: UpdatePrinterDto,
  ) {
    return this.printers.describe(await this.printers.update(scope, id, dto), baseUrl);
  }

  @Post(':id/rotate-token')
  @HttpCode(200)
  @Roles('owner')
  async rotate(@Scope() scope: TenantScope, @BaseUrl() baseUrl: string, @Param('id') id: string) {
    return this.printers.describe(await this.printers.rotateToken(scope, id), baseUrl);
  }

  /** The printer's log: first poll, offline/online, ignored callbacks, token rotations. */
  @Get(':id/events')
  async log(@Scope() scope: TenantScope, @Param('id') id: string) {
    const printer = await this.printers.get(scope, id);
    const events = await this.events.forPrinter(printer.id);
    return {
      items: events.map((e) => ({ id: e.id, type: e.type, at: new Date(e.at).toISOString(), data: e.data })),
    };
  }
}
