import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, Scope } from '../../common/auth/decorators';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { TenantService } from './tenant.service';
import { tenantView } from './tenant.view';

@ApiTags('tenant')
@ApiBearerAuth()
@Controller('api/v1')
export class TenantController {
  constructor(private readonly tenants: TenantService) {}

  /** The caller's restaurant. */
  @Get('tenant')
  @Roles('owner', 'staff')
  async current(@Scope() scope: TenantScope) {
    return tenantView(await this.tenants.get(scope, scope.requireTenant()));
  }

  @Patch('tenant')
  @Roles('owner')
  async update(@Scope() scope: TenantScope, @Body() dto: UpdateTenantDto) {
    return tenantView(await this.tenants.update(scope, dto));
  }

  /** Every restaurant the caller may see: all of them for support, its own for others. */
  @Get('tenants')
  async list(@Scope() scope: TenantScope, @Query('search') search?: string) {
    return { items: (await this.tenants.list(scope, search)).map(tenantView) };
  }

  @Get('tenants/:id')
  async one(@Scope() scope: TenantScope, @Param('id') id: string) {
    return tenantView(await this.tenants.get(scope, id));
  }
}
