import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '../../modules/auth/user.entity';
import { DomainError } from '../domain-error';
import type { AuthenticatedRequest, Principal } from './principal';
import { TenantScope } from './tenant-scope';

export const PUBLIC_ROUTE = 'auth:public';
export const API_KEY_ROUTE = 'auth:api-key';
export const ROLES = 'auth:roles';

/** No authentication (signup, login, health, the printer edge which authenticates by URL token). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** A shop may call this with `X-Api-Key` as well as a user with a session. */
export const AllowApiKey = (): MethodDecorator & ClassDecorator => SetMetadata(API_KEY_ROUTE, true);

/** Users need one of these roles (API keys are governed by AllowApiKey alone). */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

function principalOf(ctx: ExecutionContext): Principal {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new DomainError('unauthenticated', 'Sign in first');
  return principal;
}

export function scopeOf(principal: Principal): TenantScope {
  if (principal.kind === 'api-key')
    return TenantScope.ofTenant(principal.tenantId, `api-key:${principal.apiKeyId}`);
  if (principal.role === 'support' || principal.tenantId === null) {
    return TenantScope.allTenants(`user:${principal.userId}`);
  }
  return TenantScope.ofTenant(principal.tenantId, `user:${principal.userId}`);
}

/** The caller's tenant scope, derived from the principal the guard authenticated. */
export const Scope = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  scopeOf(principalOf(ctx)),
);

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  principalOf(ctx),
);
