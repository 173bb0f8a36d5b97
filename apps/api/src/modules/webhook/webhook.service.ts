import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { WebhookEndpointView, WebhookEvent } from '@shared/types';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { DomainError, notFound } from '../../common/domain-error';
import type { AppConfig } from '../../infra/config/app-config';
import { randomToken, type TokenCrypto } from '../../infra/crypto/token-crypto';
import { targetProblem } from '../../infra/http/outbound';
import { APP_CONFIG, type Clock, CLOCK, TOKEN_CRYPTO } from '../../infra/tokens';
import { OutboxService } from '../outbox/outbox.service';
import type { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhookEndpoint } from './webhook-endpoint.entity';

const MAX_ENDPOINTS = 20;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function webhookView(endpoint: WebhookEndpoint, pending: number): WebhookEndpointView {
  return {
    id: endpoint.id,
    tenantId: endpoint.tenantId,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events as WebhookEvent[] | null,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    consecutiveFailures: endpoint.consecutiveFailures,
    failingSince: iso(endpoint.failingSince),
    lastSuccessAt: iso(endpoint.lastSuccessAt),
    lastFailureAt: iso(endpoint.lastFailureAt),
    pendingDeliveries: pending,
    createdAt: iso(endpoint.createdAt)!,
  };
}

/** Webhook endpoints of a restaurant: where order events are POSTed, signed with their secret. */
@Injectable()
export class WebhookService {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    private readonly outbox: OutboxService,
    @Inject(TOKEN_CRYPTO) private readonly crypto: TokenCrypto,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    scope: TenantScope,
    dto: CreateWebhookDto,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const tenantId = scope.requireTenant();
    this.assertUrl(dto.url);
    const count = await this.endpoints.countBy({ tenantId, deletedAt: IsNull() });
    if (count >= MAX_ENDPOINTS) {
      throw new DomainError(
        'validation_failed',
        `A restaurant can have at most ${MAX_ENDPOINTS} webhook endpoints`,
      );
    }
    const secret = `whsec_${randomToken(32)}`;
    const now = this.clock.now();
    const endpoint = this.endpoints.create({
      id: randomUUID(),
      tenantId,
      url: dto.url,
      description: dto.description ?? '',
      secretSealed: this.crypto.seal(secret),
      events: dto.events ?? null,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      consecutiveFailures: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await this.endpoints.insert(endpoint);
    return { endpoint, secret };
  }

  list(scope: TenantScope): Promise<WebhookEndpoint[]> {
    return this.endpoints.find({
      where: scope.where<WebhookEndpoint>({ deletedAt: IsNull() }),
      order: { createdAt: 'ASC' },
    });
  }

  async get(scope: TenantScope, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findOneBy(
      scope.where<WebhookEndpoint>({ id, deletedAt: IsNull() }),
    );
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  async update(scope: TenantScope, id: string, dto: UpdateWebhookDto): Promise<WebhookEndpoint> {
    const endpoint = await this.get(scope, id);
    if (dto.url !== undefined) this.assertUrl(dto.url);
    const reenabled = dto.enabled === true && !endpoint.enabled;
    Object.assign(endpoint, {
      ...(dto.url !== undefined ? { url: dto.url } : {}),
      ...(dto.description !== undefined ? { description: dto.description } : {}),
      ...(dto.events !== undefined ? { events: dto.events } : {}),
      ...(dto.enabled !== undefined ? { enabled: dto.enabled } : {}),
      ...(dto.enabled !== undefined ? { disabledReason: null } : {}),
      ...(reenabled ? { failingSince: null, consecutiveFailures: 0 } : {}),
      updatedAt: this.clock.now(),
    });
    await this.endpoints.save(endpoint);
    if (reenabled) await this.outbox.resumeTarget(endpoint.id);
    return endpoint;
  }

  async remove(scope: TenantScope, id: string): Promise<void> {
    const endpoint = await this.get(scope, id);
    await this.endpoints.update({ id: endpoint.id }, { deletedAt: this.clock.now(), enabled: false });
  }

  async rotateSecret(scope: TenantScope, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.get(scope, id);
    const secret = `whsec_${randomToken(32)}`;
    endpoint.secretSealed = this.crypto.seal(secret);
    endpoint.updatedAt = this.clock.now();
    await this.endpoints.update(
      { id },
      { secretSealed: endpoint.secretSealed, updatedAt: endpoint.updatedAt },
    );
    return { endpoint, secret };
  }

  async views(endpoints: WebhookEndpoint[]): Promise<WebhookEndpointView[]> {
    const counts = await this.outbox.counts(endpoints.map((endpoint) => endpoint.id));
    return endpoints.map((endpoint) => webhookView(endpoint, counts.get(endpoint.id)?.pending ?? 0));
  }

  secretOf(endpoint: WebhookEndpoint): string {
    return this.crypto.unseal(endpoint.secretSealed);
  }

  private assertUrl(url: string): void {
    const problem = targetProblem(url, this.config.integrations.allowPrivateTargets);
    if (problem) {
      throw new DomainError('validation_failed', `url ${problem}`, [
        { field: 'url', problems: [`url ${problem}`] },
      ]);
    }
  }
}
