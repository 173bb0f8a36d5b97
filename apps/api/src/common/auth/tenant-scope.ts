import type { FindOptionsWhere } from 'typeorm';
import { DomainError } from '../domain-error';

const brand = Symbol('TenantScope');

/**
 * The only way to reach tenant-owned rows. A scope is created from the authenticated principal
 * (or, for the printer edge, from the printer found by its token); services take one and apply
 * it to every query through `where()`, so no controller filters by tenant "by habit".
 */
export class TenantScope {
  readonly [brand] = true;

  private constructor(
    /** Null means every tenant (platform support). */
    readonly tenantId: string | null,
    /** For notes and audit: `user:<id>`, `api-key:<id>`, `printer:<id>`, `system`. */
    readonly actor: string,
  ) {}

  static ofTenant(tenantId: string, actor: string): TenantScope {
    return new TenantScope(tenantId, actor);
  }

  static allTenants(actor: string): TenantScope {
    return new TenantScope(null, actor);
  }

  get isAllTenants(): boolean {
    return this.tenantId === null;
  }

  /** The tenant to write into; support users must act inside a concrete tenant. */
  requireTenant(): string {
    if (this.tenantId === null) {
      throw new DomainError(
        'tenant_required',
        'This action needs a restaurant account, not a support account',
      );
    }
    return this.tenantId;
  }

  where<T extends { tenantId: string | null }>(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return this.tenantId === null ? where : { ...where, tenantId: this.tenantId };
  }

  /**
   * For support's per-restaurant views: the same scope limited to one tenant. A restaurant asking
   * for another restaurant gets not-found, exactly as for that restaurant's ids.
   */
  narrowTo(tenantId: string | undefined): TenantScope {
    if (tenantId === undefined || tenantId === this.tenantId) return this;
    if (this.tenantId !== null) throw new DomainError('not_found', 'Restaurant not found');
    return new TenantScope(tenantId, this.actor);
  }

  /** Whether a row already loaded belongs to this scope. */
  owns(row: { tenantId: string | null }): boolean {
    return this.tenantId === null || row.tenantId === this.tenantId;
  }
}
