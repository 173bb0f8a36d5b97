import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type Repository } from 'typeorm';
import type { TenantScope } from '../../common/auth/tenant-scope';
import { notFound } from '../../common/domain-error';
import { randomToken, type TokenCrypto } from '../../infra/crypto/token-crypto';
import { type Clock, CLOCK, TOKEN_CRYPTO } from '../../infra/tokens';
import { EventService } from '../event/event.service';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import type { CreatePrinterDto, UpdatePrinterDto } from './dto/printer.dto';
import { Printer } from './printer.entity';

/** Printers count as online when they polled within three of their intervals. */
export const ONLINE_INTERVALS = 3;

export function printerUrls(baseUrl: string, token: string): { pollUrl: string; callbackUrl: string } {
  return { pollUrl: `${baseUrl}/gc/${token}/order`, callbackUrl: `${baseUrl}/gc/${token}/callback` };
}

function digits(count: number): string {
  return Array.from({ length: count }, () => randomInt(10)).join('');
}

export function isOnline(printer: Printer, now: number): boolean {
  return (
    printer.lastPollAt !== null &&
    now - printer.lastPollAt <= ONLINE_INTERVALS * printer.pollIntervalSeconds * 1000
  );
}

@Injectable()
export class PrinterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    @InjectRepository(Printer) private readonly printers: Repository<Printer>,
    @Inject(TOKEN_CRYPTO) private readonly crypto: TokenCrypto,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventService,
  ) {}

  async create(scope: TenantScope, dto: CreatePrinterDto): Promise<Printer> {
    const tenantId = scope.requireTenant();
    const token = randomToken(24);
    const now = this.clock.now();
    const hasDefault = await this.printers.existsBy({ tenantId, isDefault: true, deletedAt: IsNull() });
    const printer = Object.assign(new Printer(), {
      id: randomUUID(),
      tenantId,
      name: dto.name.trim(),
      tokenHash: this.crypto.hash(token),
      tokenSealed: this.crypto.seal(token),
      // Keypad-friendly values a technician can type on the printer.
      resId: digits(6),
      deviceUsername: `gc${digits(6)}`,
      devicePassword: digits(8),
      pollIntervalSeconds: dto.pollIntervalSeconds ?? 10,
      textPolicy: dto.textPolicy ?? 'utf8',
      newlineToken: dto.newlineToken ?? '%%',
      currencyPrefix: dto.currencyPrefix ?? '',
      timeZone: dto.timeZone ?? null,
      unansweredLimitSeconds: dto.unansweredLimitSeconds ?? 300,
      isDefault: dto.isDefault ?? !hasDefault,
      servingOrderId: null,
      lastPollAt: null,
      lastCallbackAt: null,
      offlineSince: null,
      createdAt: now,
      deletedAt: null,
    });
    await this.tx.run(async (manager) => {
      if (printer.isDefault)
        await manager.update(Printer, { tenantId, isDefault: true }, { isDefault: false });
      await manager.insert(Printer, printer);
      await this.events.printer(manager, printer, 'created', now);
    });
    return printer;
  }

  list(scope: TenantScope): Promise<Printer[]> {
    return this.printers.find({
      where: scope.where<Printer>({ deletedAt: IsNull() }),
      order: { createdAt: 'ASC' },
    });
  }

  async get(scope: TenantScope, id: string): Promise<Printer> {
    const printer = await this.printers.findOneBy(scope.where<Printer>({ id, deletedAt: IsNull() }));
    if (!printer) throw notFound('Printer');
    return printer;
  }

  async update(scope: TenantScope, id: string, dto: UpdatePrinterDto): Promise<Printer> {
    const printer = await this.get(scope, id);
    const changes: Partial<Printer> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.textPolicy !== undefined) changes.textPolicy = dto.textPolicy;
    if (dto.newlineToken !== undefined) changes.newlineToken = dto.newlineToken;
    if (dto.currencyPrefix !== undefined) changes.currencyPrefix = dto.currencyPrefix;
    if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
    if (dto.pollIntervalSeconds !== undefined) changes.pollIntervalSeconds = dto.pollIntervalSeconds;
    if (dto.unansweredLimitSeconds !== undefined) changes.unansweredLimitSeconds = dto.unansweredLimitSeconds;
    if (dto.isDefault === true) changes.isDefault = true;
    await this.tx.run(async (manager) => {
      if (changes.isDefault) {
        await manager.update(Printer, { tenantId: printer.tenantId, isDefault: true }, { isDefault: false });
      }
      if (Object.keys(changes).length > 0) await manager.update(Printer, { id: printer.id }, changes);
    });
    return Object.assign(printer, changes);
  }

  /** New URLs; the old ones stop working at once (the old hash no longer exists). */
  async rotateToken(scope: TenantScope, id: string): Promise<Printer> {
    const printer = await this.get(scope, id);
    const token = randomToken(24);
    printer.tokenHash = this.crypto.hash(token);
    printer.tokenSealed = this.crypto.seal(token);
    const now = this.clock.now();
    await this.tx.run(async (manager) => {
      await manager.update(
        Printer,
        { id: printer.id },
        { tokenHash: printer.tokenHash, tokenSealed: printer.tokenSealed },
      );
      await this.events.printer(manager, printer, 'token_rotated', now);
    });
    return printer;
  }

  token(printer: Printer): string | null {
    return printer.tokenSealed === null ? null : this.crypto.unseal(printer.tokenSealed);
  }

  /** The printer edge's lookup: one indexed query by the token's HMAC, then a constant-time check. */
  async findByToken(token: string): Promise<Printer | null> {
    if (token.length < 16 || token.length > 64) return null;
    const hash = this.crypto.hash(token);
    const printer = await this.printers.findOneBy({ tokenHash: hash });
    if (!printer || printer.tokenHash === null || !this.crypto.matches(token, printer.tokenHash)) return null;
    return printer;
  }

  /** Waiting orders per printer (queued or being served). */
  async queueDepths(printerIds: string[]): Promise<Map<string, number>> {
    const depths = new Map<string, number>();
    if (printerIds.length === 0) return depths;
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('o.printerId', 'printerId')
      .addSelect('COUNT(*)', 'depth')
      .from('orders', 'o')
      .where({ printerId: In(printerIds), status: In(['queued', 'printing']) })
      .groupBy('o.printerId')
      .getRawMany<{ printerId: string; depth: string | number }>();
    for (const row of rows) depths.set(row.printerId, Number(row.depth));
    return depths;
  }

  /** The printer's view with its current queue depth. */
  async describe(printer: Printer, baseUrl: string) {
    const depths = await this.queueDepths([printer.id]);
    return this.view(printer, baseUrl, depths.get(printer.id) ?? 0);
  }

  view(printer: Printer, baseUrl: string, queueDepth: number) {
    const token = this.token(printer);
    const now = this.clock.now();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: printer.id,
      tenantId: printer.tenantId,
      name: printer.name,
      ...(token ? printerUrls(baseUrl, token) : { pollUrl: null, callbackUrl: null }),
      device: {
        resId: printer.resId,
        username: printer.deviceUsername,
        password: printer.devicePassword,
        pollIntervalSeconds: printer.pollIntervalSeconds,
      },
      settings: {
        textPolicy: printer.textPolicy,
        newlineToken: printer.newlineToken,
        currencyPrefix: printer.currencyPrefix,
        timeZone: printer.timeZone,
        pollIntervalSeconds: printer.pollIntervalSeconds,
        unansweredLimitSeconds: printer.unansweredLimitSeconds,
      },
      isDefault: printer.isDefault,
      online: isOnline(printer, now),
      offlineSince: iso(printer.offlineSince),
      lastPollAt: iso(printer.lastPollAt),
      lastCallbackAt: iso(printer.lastCallbackAt),
      servingOrderId: printer.servingOrderId,
      queueDepth,
      createdAt: iso(printer.createdAt),
    };
  }
}
