import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { API_KEY_ROUTE, PUBLIC_ROUTE, ROLES } from '../../common/auth/decorators';
import type { AuthenticatedRequest } from '../../common/auth/principal';
import { DomainError } from '../../common/domain-error';
import { clientAddress } from '../../common/edge-answer';
import { MissLimiter } from '../../common/unknown-token-limiter';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG, type Clock, CLOCK } from '../../infra/tokens';
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

/** `X-Api-Key: gck_…`, or `Authorization: Bearer gck_…` as most HTTP clients send tokens. */
function apiKeyOf(request: Request): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const bearer = request.headers.authorization;
  if (bearer?.startsWith('Bearer gck_')) return bearer.slice('Bearer '.length).trim();
  return null;
}

/** The one place where every request is authenticated and its principal fixed. */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Unknown API keys per client address: a valid key is never slowed down (it is looked up first). */
  private readonly keyMisses: MissLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeyService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keyMisses = new MissLimiter(config.limits.unknownApiKeyAttemptsPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();

    const apiKey = apiKeyOf(request);
    if (apiKey !== null) {
      if (!this.reflector.getAllAndOverride<boolean>(API_KEY_ROUTE, targets)) {
        throw new DomainError(
          'forbidden',
          'API keys can only send and read orders; sign in to use this endpoint',
        );
      }
      const principal = await this.apiKeys.principalForKey(apiKey);
      if (!principal) throw this.unknownApiKey(request, context.switchToHttp().getResponse<Response>());
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

  /** 401 for an unknown key; 429 once this address has sent too many of them this minute. */
  private unknownApiKey(request: Request, response: Response): DomainError {
    const client = clientAddress(request);
    const now = this.clock.now();
    if (this.keyMisses.isBlocked(client, now)) {
      response.setHeader('Retry-After', '60');
      return new DomainError(
        'rate_limited',
        'Too many unknown API keys from this address; retry in a minute',
      );
    }
    this.keyMisses.recordMiss(client, now);
    return new DomainError('unauthenticated', 'Unknown or revoked API key');
  }
}
