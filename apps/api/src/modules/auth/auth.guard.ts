import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { API_KEY_ROUTE, PUBLIC_ROUTE, ROLES } from '../../common/auth/decorators';
import type { AuthenticatedRequest } from '../../common/auth/principal';
import { DomainError } from '../../common/domain-error';
import { ApiKeyService } from '../api-key/api-key.service';
import type { UserRole } from './user.entity';
import { AuthService } from './auth.service';

export const SESSION_COOKIE = 'gcb_session';

function sessionToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookies = request.headers.cookie;
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** The one place where every request is authenticated and its principal fixed. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();

    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') {
      if (!this.reflector.getAllAndOverride<boolean>(API_KEY_ROUTE, targets)) {
        throw new DomainError(
          'forbidden',
          'API keys can only send and read orders; sign in to use this endpoint',
        );
      }
      const principal = await this.apiKeys.principalForKey(apiKey);
      if (!principal) throw new DomainError('unauthenticated', 'Unknown or revoked API key');
      request.principal = principal;
      return true;
    }

    const token = sessionToken(request);
    const principal = token ? await this.auth.principalForSession(token) : null;
    if (!principal)
      throw new DomainError('unauthenticated', 'Sign in first (missing, unknown or expired session)');
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (principal.kind === 'user' && roles && !roles.includes(principal.role)) {
      throw new DomainError('forbidden', `This action needs one of the roles: ${roles.join(', ')}`);
    }
    request.principal = principal;
    return true;
  }
}
