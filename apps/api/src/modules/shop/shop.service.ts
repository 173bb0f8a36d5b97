import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { IsNull, type Repository } from 'typeorm';
import type { InboundDeliveryView, ShopConnectionView, ShopStatusOption } from '@shared/types';
import { TenantScope } from '../../common/auth/tenant-scope';
import { DomainError, notFound } from '../../common/domain-error';
import { validateBody } from '../../common/validation';
import type { AppConfig } from '../../infra/config/app-config';
import { randomToken, type TokenCrypto } from '../../infra/crypto/token-crypto';
import { isUniqueViolation } from '../../infra/database/errors';
import { targetProblem } from '../../infra/http/outbound';
import { APP_CONFIG, type Clock, CLOCK, LOGGER, TOKEN_CRYPTO } from '../../infra/tokens';
import { CreateOrderDto } from '../order/dto/create-order.dto';
import { OrderService } from '../order/order.service';
import { OutboxService } from '../outbox/outbox.service';
import { Printer } from '../printer/printer.entity';
import type { CreateConnectionDto, UpdateConnectionDto } from './dto/connection.dto';
import { InboundDelivery, type InboundOutcome } from './inbound-delivery.entity';
import { capturePayload } from './payload-capture';
import type {
  AdapterContext,
  InboundRequest,
  ShopAdapter,
  ShopCredentials,
  ShopInbound,
} from './shop-adapter';
import { SHOP_ADAPTERS, type ShopAdapters } from './shop-adapters';
import { ShopConnection, type ShopPlatform, type ShopSettings } from './shop-connection.entity';
import { ShopOrderLink } from './shop-order-link.entity';
import { DEFAULT_PICKUP_METHODS } from './woocommerce/woocommerce.mapping';

export interface InboundAnswer {
  result: InboundOutcome;
  orderId?: string;
  status?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function invalid(field: string, problem: string): DomainError {
  return new DomainError('validation_failed', `${field} ${problem}`, [
    { field, problems: [`${field} ${problem}`] },
  ]);
}

/** Connected shops: connect and manage, receive their orders, and know their health. */
@Injectable()
export class ShopService {
  constructor(
    @InjectRepository(ShopConnection) private readonly connections: Repository<ShopConnection>,
    @InjectRepository(ShopOrderLink) private readonly links: Repository<ShopOrderLink>,
    @InjectRepository(InboundDelivery) private readonly inbound: Repository<InboundDelivery>,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    @Inject(SHOP_ADAPTERS) private readonly adapters: ShopAdapters,
    private readonly orders: OrderService,
    private readonly outbox: OutboxService,
    @Inject(TOKEN_CRYPTO) private readonly crypto: TokenCrypto,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  adapter(platform: ShopPlatform): ShopAdapter {
    const adapter = this.adapters.get(platform);
    if (!adapter) throw new Error(`No adapter for ${platform}`);
    return adapter;
  }

  // ---- management ------------------------------------------------------------------------

  async create(
    scope: TenantScope,
    dto: CreateConnectionDto,
  ): Promise<{ connection: ShopConnection; secret: string }> {
    const tenantId = scope.requireTenant();
    const adapter = this.adapter(dto.platform);
    this.assertSiteUrl(dto.siteUrl);
    for (const field of adapter.requiredCredentials) {
      if (!dto[field as keyof CreateConnectionDto]) throw invalid(field, `is required for ${dto.platform}`);
    }
    if (dto.printerId) await this.assertPrinter(tenantId, dto.printerId);
    const secret = randomToken(32);
    const credentials: ShopCredentials = {
      webhookSecret: secret,
      ...(dto.consumerKey ? { consumerKey: dto.consumerKey } : {}),
      ...(dto.consumerSecret ? { consumerSecret: dto.consumerSecret } : {}),
      ...(dto.apiKey ? { apiKey: dto.apiKey } : {}),
    };
    const settings: ShopSettings = {
      printerId: dto.printerId ?? null,
      ...(dto.platform === 'woocommerce'
        ? { pickupMethods: dto.pickupMethods ?? [...DEFAULT_PICKUP_METHODS] }
        : {}),
      ...(dto.platform === 'framework360'
        ? { poll: dto.poll ?? true, statusMap: dto.statusMap ?? { completed: null, cancelled: null } }
        : {}),
    };
    const now = this.clock.now();
    const connection = this.connections.create({
      id: randomUUID(),
      tenantId,
      platform: dto.platform,
      name: dto.name,
      siteUrl: dto.siteUrl,
      credentialsSealed: this.crypto.seal(JSON.stringify(credentials)),
      settings,
      enabled: true,
      cursor: null,
      disabledReason: null,
      failingSince: null,
      consecutiveFailures: 0,
      lastOrderAt: null,
      lastPushAt: null,
      lastFailureAt: null,
      lastError: null,
      lastPollAt: null,
      lastPayload: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await this.connections.insert(connection);
    return { connection, secret };
  }

  list(scope: TenantScope): Promise<ShopConnection[]> {
    return this.connections.find({
      where: scope.where<ShopConnection>({ deletedAt: IsNull() }),
      order: { createdAt: 'ASC' },
    });
  }

  async get(scope: TenantScope, id: string): Promise<ShopConnection> {
    const connection = await this.connections.findOneBy(
      scope.where<ShopConnection>({ id, deletedAt: IsNull() }),
    );
    if (!connection) throw notFound('Shop connection');
    return connection;
  }

  async update(scope: TenantScope, id: string, dto: UpdateConnectionDto): Promise<ShopConnection> {
    const connection = await this.get(scope, id);
    if (dto.siteUrl !== undefined) this.assertSiteUrl(dto.siteUrl);
    if (dto.printerId) await this.assertPrinter(connection.tenantId, dto.printerId);
    const credentials = this.credentials(connection);
    if (dto.consumerKey !== undefined) credentials.consumerKey = dto.consumerKey;
    if (dto.consumerSecret !== undefined) credentials.consumerSecret = dto.consumerSecret;
    if (dto.apiKey !== undefined) credentials.apiKey = dto.apiKey;
    const settings: ShopSettings = {
      ...connection.settings,
      ...(dto.printerId !== undefined ? { printerId: dto.printerId } : {}),
      ...(dto.pickupMethods !== undefined ? { pickupMethods: dto.pickupMethods } : {}),
      ...(dto.poll !== undefined ? { poll: dto.poll } : {}),
      ...(dto.statusMap !== undefined ? { statusMap: { ...dto.statusMap } } : {}),
    };
    const resumed = dto.enabled === true && !connection.enabled;
    Object.assign(connection, {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.siteUrl !== undefined ? { siteUrl: dto.siteUrl } : {}),
      ...(dto.enabled !== undefined ? { enabled: dto.enabled, disabledReason: null } : {}),
      ...(resumed ? { failingSince: null, consecutiveFailures: 0 } : {}),
      credentialsSealed: this.crypto.seal(JSON.stringify(credentials)),
      settings,
      updatedAt: this.clock.now(),
    });
    await this.connections.save(connection);
    // New credentials or a new mapping may be exactly what the waiting pushes needed.
    if (connection.enabled) await this.outbox.resumeTarget(connection.id);
    return connection;
  }

  async remove(scope: TenantScope, id: string): Promise<void> {
    const connection = await this.get(scope, id);
    await this.connections.update({ id: connection.id }, { deletedAt: this.clock.now(), enabled: false });
  }

  async rotateSecret(
    scope: TenantScope,
    id: string,
  ): Promise<{ connection: ShopConnection; secret: string }> {
    const connection = await this.get(scope, id);
    const credentials = { ...this.credentials(connection), webhookSecret: randomToken(32) };
    connection.credentialsSealed = this.crypto.seal(JSON.stringify(credentials));
    connection.updatedAt = this.clock.now();
    await this.connections.update(
      { id },
      { credentialsSealed: connection.credentialsSealed, updatedAt: connection.updatedAt },
    );
    return { connection, secret: credentials.webhookSecret };
  }

  async inboundLog(scope: TenantScope, id: string, limit = 50): Promise<InboundDeliveryView[]> {
    const connection = await this.get(scope, id);
    const rows = await this.inbound.find({
      where: { connectionId: connection.id },
      order: { id: 'DESC' },
      take: Math.min(limit, 200),
    });
    return rows.map((row) => ({
      id: row.id,
      deliveryId: row.deliveryId,
      shopOrderId: row.shopOrderId,
      orderId: row.orderId,
      outcome: row.outcome,
      detail: row.detail,
      receivedAt: iso(row.receivedAt)!,
    }));
  }

  async statuses(scope: TenantScope, id: string): Promise<ShopStatusOption[]> {
    const connection = await this.get(scope, id);
    const adapter = this.adapter(connection.platform);
    if (!adapter.statuses)
      throw new DomainError('validation_failed', `${connection.platform} has no status list`);
    try {
      return await adapter.statuses(this.context(connection));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('shop_unavailable', `The shop did not answer: ${(error as Error).message}`);
    }
  }

  /** The URL the shop calls. Framework360 carries its secret in the path, so it is only shown with it. */
  webhookUrl(connection: ShopConnection, baseUrl: string, secret: string | null): string {
    const base = `${baseUrl}/hooks/${connection.platform}/${connection.id}`;
    if (connection.platform !== 'framework360') return base;
    return `${base}/${secret ?? '…'}`;
  }

  async views(connections: ShopConnection[], baseUrl: string): Promise<ShopConnectionView[]> {
    const counts = await this.outbox.counts(connections.map((connection) => connection.id));
    return connections.map((connection) => {
      const count = counts.get(connection.id) ?? { pending: 0, failed: 0 };
      const adapter = this.adapter(connection.platform);
      return {
        id: connection.id,
        tenantId: connection.tenantId,
        platform: connection.platform,
        name: connection.name,
        siteUrl: connection.siteUrl,
        webhookUrl: this.webhookUrl(connection, baseUrl, null),
        printerId: connection.settings.printerId ?? null,
        enabled: connection.enabled,
        disabledReason: connection.disabledReason,
        poll: connection.settings.poll ?? false,
        statusMap: connection.settings.statusMap ?? null,
        pickupMethods: connection.settings.pickupMethods ?? null,
        credentialHints: adapter.hints(this.credentials(connection)),
        health: {
          lastOrderAt: iso(connection.lastOrderAt),
          lastPushAt: iso(connection.lastPushAt),
          lastPollAt: iso(connection.lastPollAt),
          lastFailureAt: iso(connection.lastFailureAt),
          lastError: connection.lastError,
          consecutiveFailures: connection.consecutiveFailures,
          pendingPushes: count.pending,
          failedPushes: count.failed,
        },
        lastPayload: connection.lastPayload,
        createdAt: iso(connection.createdAt)!,
      };
    });
  }

  // ---- inbound ---------------------------------------------------------------------------

  /** One webhook call from a shop: authenticate, read, dedupe, import. */
  async receive(
    platform: ShopPlatform,
    connectionId: string,
    request: InboundRequest,
  ): Promise<InboundAnswer> {
    const connection = await this.connections.findOneBy({ id: connectionId, platform, deletedAt: IsNull() });
    if (!connection) throw notFound('Shop connection');
    const adapter = this.adapter(platform);
    const captured = capturePayload(request.rawBody);
    this.logger.debug({ connectionId, platform, body: captured }, 'shop webhook body');
    try {
      const inbound: ShopInbound = await adapter.inbound(request, this.context(connection));
      if (inbound.kind === 'ping') return { result: 'ping' };
      await this.connections.update({ id: connection.id }, { lastPayload: captured });
      return await this.accept(connection, adapter, inbound, adapter.deliveryId(request));
    } catch (error) {
      if (error instanceof DomainError) await this.noteInboundFailure(connection, error);
      throw error;
    }
  }

  /** Imports one order (from a webhook or a poll) exactly once per shop order id. */
  async accept(
    connection: ShopConnection,
    adapter: ShopAdapter,
    inbound: Exclude<ShopInbound, { kind: 'ping' }>,
    deliveryId: string | null,
  ): Promise<InboundAnswer> {
    const now = this.clock.now();
    if (deliveryId !== null) {
      const seen = await this.inbound.findOneBy({ connectionId: connection.id, deliveryId });
      if (seen) return { result: 'duplicate', ...(seen.orderId ? { orderId: seen.orderId } : {}) };
    }
    if (inbound.kind === 'ignored') {
      await this.log(connection, deliveryId, inbound.shopOrderId, null, 'ignored', inbound.reason, now);
      return { result: 'ignored' };
    }
    const existing = await this.links.findOneBy({
      connectionId: connection.id,
      shopOrderId: inbound.shopOrderId,
    });
    if (existing) {
      await this.log(connection, deliveryId, inbound.shopOrderId, existing.orderId, 'duplicate', null, now);
      return { result: 'duplicate', orderId: existing.orderId };
    }
    const externalId = `${adapter.idPrefix}:${connection.id.slice(0, 8)}:${inbound.shopOrderId}`;
    const printerId = connection.settings.printerId ?? undefined;
    const dto = await validateBody(CreateOrderDto, {
      ...inbound.order,
      externalId,
      ...(printerId ? { printerId } : {}),
    });
    const scope = TenantScope.ofTenant(connection.tenantId, `shop:${connection.id}`);
    const { order, created } = await this.orders.intake(scope, dto);
    try {
      await this.links.insert({
        orderId: order.id,
        tenantId: connection.tenantId,
        connectionId: connection.id,
        shopOrderId: inbound.shopOrderId,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const outcome: InboundOutcome = !created
      ? 'duplicate'
      : order.status === 'skipped'
        ? 'skipped'
        : 'created';
    const detail = outcome === 'skipped' ? 'Not for the printer under the intake rule' : null;
    await this.log(connection, deliveryId, inbound.shopOrderId, order.id, outcome, detail, now);
    await this.connections.update({ id: connection.id }, { lastOrderAt: now });
    return { result: outcome, orderId: order.id, status: order.status };
  }

  // ---- polling ---------------------------------------------------------------------------

  /** Polled shops that are due, claimed so only one instance polls each at a time. */
  async duePolls(intervalMs: number): Promise<ShopConnection[]> {
    const candidates = await this.connections.find({ where: { enabled: true, deletedAt: IsNull() } });
    const due: ShopConnection[] = [];
    for (const connection of candidates) {
      const adapter = this.adapters.get(connection.platform);
      if (!adapter?.poll || connection.settings.poll !== true) continue;
      if (await this.claimPoll(connection, intervalMs)) due.push(connection);
    }
    return due;
  }

  /** Runs one poll by hand (owner, support or tests); same import path as the scheduled one. */
  async pollNow(scope: TenantScope, id: string): Promise<{ imported: number; duplicates: number }> {
    const connection = await this.get(scope, id);
    await this.connections.update({ id: connection.id }, { lastPollAt: this.clock.now() });
    return this.poll(connection);
  }

  async poll(connection: ShopConnection): Promise<{ imported: number; duplicates: number }> {
    const adapter = this.adapter(connection.platform);
    if (!adapter.poll)
      throw new DomainError('validation_failed', `${connection.platform} shops push their orders`);
    let result;
    try {
      result = await adapter.poll(connection.cursor, this.context(connection));
    } catch (error) {
      await this.noteFailure(connection, `Polling failed: ${(error as Error).message}`);
      if (error instanceof DomainError) throw error;
      throw new DomainError('shop_unavailable', `Polling failed: ${(error as Error).message}`);
    }
    let imported = 0;
    let duplicates = 0;
    for (const inbound of result.orders) {
      if (inbound.kind === 'ping') continue;
      try {
        const answer = await this.accept(connection, adapter, inbound, null);
        if (answer.result === 'duplicate') duplicates += 1;
        else if (answer.result !== 'ignored') imported += 1;
      } catch (error) {
        // One unreadable order must not stop every later one: it is logged, visible, and skipped.
        if (!(error instanceof DomainError) || inbound.kind !== 'order') throw error;
        await this.log(
          connection,
          null,
          inbound.shopOrderId,
          null,
          'rejected',
          error.message,
          this.clock.now(),
        );
        await this.noteFailure(
          connection,
          `Could not import shop order ${inbound.shopOrderId}: ${error.message}`,
        );
      }
    }
    // Only now: a crash above re-reads the same page next time, and dedupe absorbs the repeats.
    if (result.cursor !== connection.cursor) {
      await this.connections.update({ id: connection.id }, { cursor: result.cursor });
      connection.cursor = result.cursor;
    }
    return { imported, duplicates };
  }

  // ---- helpers ---------------------------------------------------------------------------

  credentials(connection: ShopConnection): ShopCredentials {
    return JSON.parse(this.crypto.unseal(connection.credentialsSealed)) as ShopCredentials;
  }

  context(connection: ShopConnection): AdapterContext {
    return {
      connection,
      credentials: this.credentials(connection),
      timeoutMs: this.config.integrations.timeoutMs,
      allowPrivateTargets: this.config.integrations.allowPrivateTargets,
      now: this.clock.now(),
    };
  }

  private async claimPoll(connection: ShopConnection, intervalMs: number): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.connections
      .createQueryBuilder()
      .update(ShopConnection)
      .set({ lastPollAt: now })
      .where('id = :id AND (lastPollAt IS NULL OR lastPollAt <= :before)', {
        id: connection.id,
        before: now - intervalMs + 500,
      })
      .execute();
    return result.affected === 1;
  }

  private async log(
    connection: ShopConnection,
    deliveryId: string | null,
    shopOrderId: string | null,
    orderId: string | null,
    outcome: InboundOutcome,
    detail: string | null,
    now: number,
  ): Promise<void> {
    try {
      await this.inbound.insert({
        tenantId: connection.tenantId,
        connectionId: connection.id,
        deliveryId,
        shopOrderId,
        orderId,
        outcome,
        detail: detail?.slice(0, 500) ?? null,
        receivedAt: now,
      });
    } catch (error) {
      // The same delivery id twice at once: the first one's row stands.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private async noteInboundFailure(connection: ShopConnection, error: DomainError): Promise<void> {
    const what = error.code === 'invalid_signature' ? 'Refused a delivery' : 'Could not read a delivery';
    await this.noteFailure(connection, `${what}: ${error.message}`);
  }

  private async noteFailure(connection: ShopConnection, message: string): Promise<void> {
    await this.connections.update(
      { id: connection.id },
      { lastError: message.slice(0, 500), lastFailureAt: this.clock.now() },
    );
  }

  private assertSiteUrl(url: string): void {
    const problem = targetProblem(url, this.config.integrations.allowPrivateTargets);
    if (problem) throw invalid('siteUrl', problem);
  }

  private async assertPrinter(tenantId: string, printerId: string): Promise<void> {
    const printer = await this.printers.findOneBy({ id: printerId, tenantId, deletedAt: IsNull() });
    if (!printer) throw invalid('printerId', 'is not one of your printers');
  }
}
