import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { notFound } from '../../common/domain-error';
import { randomToken, type TokenCrypto } from '../../infra/crypto/token-crypto';
import { type Clock, CLOCK, TOKEN_CRYPTO } from '../../infra/tokens';
import { ApiKey } from './api-key.entity';

const KEY_PREFIX = 'gck_';
// Touch lastUsedAt at most once a minute per key: shops may send many orders a second.
const LAST_USED_RESOLUTION_MS = 60_000;

export function apiKeyView(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: new Date(key.createdAt).toISOString(),
    lastUsedAt: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
  };
}

@Injectable()
export class ApiKeyService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @Inject(TOKEN_CRYPTO) private readonly crypto: TokenCrypto,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Returns the stored key and the secret, which is shown once and never stored. */
  async create(scope: TenantScope, name: string): Promise<{ key: ApiKey; secret: string }> {
    const secret = KEY_PREFIX + randomToken(32);
    const key = Object.assign(new ApiKey(), {
      id: randomUUID(),
      tenantId: scope.requireTenant(),
      name: name.trim(),
      prefix: secret.slice(0, 10),
      keyHash: this.crypto.hash(secret),
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.keys.insert(key);
    return { key, secret };
  }

  list(scope: TenantScope): Promise<ApiKey[]> {
    return this.keys.find({ where: scope.where<ApiKey>(), order: { createdAt: 'DESC' } });
  }

  async revoke(scope: TenantScope, id: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy(scope.where<ApiKey>({ id }));
    if (!key) throw notFound('API key');
    if (key.revokedAt === null) {
      key.revokedAt = this.clock.now();
      await this.keys.update({ id: key.id, revokedAt: IsNull() }, { revokedAt: key.revokedAt });
    }
    return key;
  }

  async principalForKey(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(KEY_PREFIX) || secret.length > 100) return null;
    const key = await this.keys.findOneBy({ keyHash: this.crypto.hash(secret) });
    if (!key || key.revokedAt !== null || !this.crypto.matches(secret, key.keyHash)) return null;
    const now = this.clock.now();
    if (key.lastUsedAt === null || now - key.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: now });
    }
    return { kind: 'api-key', apiKeyId: key.id, tenantId: key.tenantId };
  }
}
