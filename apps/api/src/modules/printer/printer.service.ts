import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
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

/** The printer behind a poll, and whether an order is queued for it (served head not counted). */
export interface PollTarget {
  printer: Printer;
  hasQueued: boolean;
}

const HAS_QUEUED = 'hasQueued';

/** Printers per batched lastPollAt UPDATE (3 parameters each, far below every driver's limit). */
const POLL_WRITE_CHUNK = 200;

/** Tokens are 24 random bytes in base64url (32 characters); anything far off is not worth a hash. */
function tokenShaped(token: string): boolean {
  return token.length >= 16 && token.length <= 64;
}

/** Constant-time comparison of the presented token's HMAC with the stored one. */
function sameHash(hash: string, stored: string | null): boolean {
  if (stored === null) return false;
  const expected = Buffer.from(stored, 'hex');
  const actual = Buffer.from(hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function isOnline(printer: Printer, now: number): boolean {
  return (
    printer.lastPollAt !== null &&
    now - printer.lastPollAt <= ONLINE_INTERVALS * printer.pollIntervalSeconds * 1000
  );
}

@Injectable()
export class PrinterService {
  /** The poll path's SQL, built once from the entity metadata on first use. */
  private pollQuery: string | null = null;

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
    const hash = tokenShaped(token) ? this.crypto.hash(token) : null;
    if (hash === null) return null;
    const printer = await this.printers.findOneBy({ tokenHash: hash });
    return printer && sameHash(hash, printer.tokenHash) ? printer : null;
  }

  /**
   * The order receiving URL's lookup, the only query of an idle poll: the printer by its token's
   * HMAC (unique index) and whether an order is queued for it (the queue index answers EXISTS).
   * It runs on every poll of every printer, so it skips the query builder: the SQL is built once
   * from the entity metadata and rows are hydrated the way TypeORM does (driver + transformers).
   */
  async findForPoll(token: string): Promise<PollTarget | null> {
    const hash = tokenShaped(token) ? this.crypto.hash(token) : null;
    if (hash === null) return null;
    const rows = await this.printers.query<Record<string, unknown>[]>(this.pollSql(), [hash]);
    const row = rows[0];
    if (!row) return null;
    const printer = this.hydrate(row);
    if (!sameHash(hash, printer.tokenHash)) return null;
    return { printer, hasQueued: Number(row[HAS_QUEUED]) > 0 };
  }

  /**
   * Stores many printers' poll times, each its own, in one statement per 200 printers:
   * `UPDATE printers SET lastPollAt = CASE id WHEN ? THEN ? … END WHERE id IN (…)`.
   */
  async recordPolls(polls: ReadonlyMap<string, number>): Promise<void> {
    const entries = [...polls];
    for (let start = 0; start < entries.length; start += POLL_WRITE_CHUNK) {
      const chunk = entries.slice(start, start + POLL_WRITE_CHUNK);
      const { driver } = this.dataSource;
      const q = (name: string) => driver.escape(name);
      let index = 0;
      const parameter = () => driver.createParameter(`p${index}`, index++);
      const cases = chunk.map(() => `WHEN ${parameter()} THEN ${parameter()}`).join(' ');
      const ids = chunk.map(() => parameter()).join(', ');
      await this.printers.query(
        `UPDATE ${q(this.printers.metadata.tableName)} SET ${q('lastPollAt')} = CASE ${q('id')} ${cases} END ` +
          `WHERE ${q('id')} IN (${ids})`,
        [...chunk.flat(), ...chunk.map(([id]) => id)],
      );
    }
  }

  private pollSql(): string {
    if (this.pollQuery === null) {
      const { driver } = this.dataSource;
      const q = (name: string) => driver.escape(name);
      const columns = this.printers.metadata.columns.map((c) => `p.${q(c.databaseName)}`).join(', ');
      // Same table and status names as queueDepths; idx_orders_queue (printerId, status, …) covers it.
      const queued = `SELECT 1 FROM ${q('orders')} o WHERE o.${q('printerId')} = p.${q('id')} AND o.${q('status')} = 'queued'`;
      this.pollQuery =
        `SELECT ${columns}, EXISTS (${queued}) AS ${q(HAS_QUEUED)} ` +
        `FROM ${q(this.printers.metadata.tableName)} p WHERE p.${q('tokenHash')} = ${driver.createParameter('hash', 0)}`;
    }
    return this.pollQuery;
  }

  /** A raw row to an entity, column by column as TypeORM hydrates (booleans, BIGINT strings, transformers). */
  private hydrate(row: Record<string, unknown>): Printer {
    const printer = new Printer();
    for (const column of this.printers.metadata.columns) {
      const value: unknown = this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
      column.setEntityValue(printer, value);
    }
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
