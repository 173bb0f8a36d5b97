import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, Scope } from '../../common/auth/decorators';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { ApiKeyService, apiKeyView } from './api-key.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class ApiKeyController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Post()
  @Roles('owner')
  async create(@Scope() scope: TenantScope, @Body() dto: CreateApiKeyDto) {
    const { key, secret } = await this.apiKeys.create(scope, dto.name);
    return { ...apiKeyView(key), key: secret };
  }

  @Get()
  @Roles('owner', 'support')
  async list(@Scope() scope: TenantScope) {
    return { items: (await this.apiKeys.list(scope)).map(apiKeyView) };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('owner')
  async revoke(@Scope() scope: TenantScope, @Param('id') id: string) {
    return apiKeyView(await this.apiKeys.revoke(scope, id));
  }
}
