import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, type Repository } from 'typeorm';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { notFound } from '../../common/domain-error';
import type { UpdateTenantDto } from './dto/update-tenant.dto';
import { Tenant } from './tenant.entity';

@Injectable()
export class TenantService {
  constructor(@InjectRepository(Tenant) private readonly tenants: Repository<Tenant>) {}

  findById(id: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ id });
  }

  async get(scope: TenantScope, id: string): Promise<Tenant> {
    if (scope.tenantId !== null && scope.tenantId !== id) throw notFound('Restaurant');
    const tenant = await this.tenants.findOneBy({ id });
    if (!tenant) throw notFound('Restaurant');
    return tenant;
  }

  async update(scope: TenantScope, dto: UpdateTenantDto): Promise<Tenant> {
    const tenant = await this.get(scope, scope.requireTenant());
    if (dto.name !== undefined) tenant.name = dto.name.trim();
    if (dto.timeZone !== undefined) tenant.timeZone = dto.timeZone;
    if (dto.locale !== undefined) tenant.locale = dto.locale;
    if (dto.intakeRule !== undefined) tenant.intakeRule = dto.intakeRule;
    if (dto.cashPaymentMethods !== undefined) {
      tenant.cashPaymentMethods = [...new Set(dto.cashPaymentMethods.map((m) => m.trim().toLowerCase()))];
    }
    const { orderSeq: _untouched, ...changes } = tenant;
    await this.tenants.update({ id: tenant.id }, changes);
    return tenant;
  }

  /** Support console: every restaurant, optionally filtered by name. */
  list(scope: TenantScope, search: string | undefined): Promise<Tenant[]> {
    return this.tenants.find({
      where: {
        ...(scope.tenantId === null ? {} : { id: scope.tenantId }),
        ...(search ? { name: Like(`%${search.replace(/[%_\\]/g, '')}%`) } : {}),
      },
      order: { name: 'ASC' },
      take: 200,
    });
  }
}
