import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import type { Principal } from '../../common/auth/principal';
import { isUniqueViolation } from '../../infra/database/errors';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import type { PasswordHasher } from '../../infra/crypto/password-hasher';
import { randomToken, type TokenCrypto } from '../../infra/crypto/token-crypto';
import { type Clock, CLOCK, PASSWORD_HASHER, TOKEN_CRYPTO } from '../../infra/tokens';
import { Tenant } from '../tenant/tenant.entity';
import { DEFAULT_CASH_METHODS } from '../tenant/tenant.view';
import type { CreateUserDto, SignupDto } from './dto/auth.dto';
import { Session } from './session.entity';
import { User, type UserRole } from './user.entity';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const SESSION_PREFIX = 'gcs_';

@Injectable()
export class AuthService {
  constructor(
    private readonly tx: TransactionRunner,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(TOKEN_CRYPTO) private readonly crypto: TokenCrypto,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async signup(dto: SignupDto): Promise<{ token: string; tenant: Tenant; user: User }> {
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(dto.password);
    const now = this.clock.now();
    const tenant = Object.assign(new Tenant(), {
      id: randomUUID(),
      name: dto.restaurantName.trim(),
      timeZone: dto.timeZone ?? 'UTC',
      locale: dto.locale ?? 'en',
      intakeRule: 'manual-confirmation' as const,
      cashPaymentMethods: DEFAULT_CASH_METHODS,
      orderSeq: 0,
      createdAt: now,
    });
    const user = Object.assign(new User(), {
      id: randomUUID(),
      tenantId: tenant.id,
      email,
      passwordHash,
      role: 'owner' as const,
      createdAt: now,
    });
    try {
      await this.tx.run(async (manager) => {
        await manager.insert(Tenant, tenant);
        await manager.insert(User, user);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('email_taken', 'An account with this email already exists');
      throw error;
    }
    return { token: await this.openSession(user.id), tenant, user };
  }

  async login(emailInput: string, password: string): Promise<{ token: string; user: User }> {
    const user = await this.users.findOneBy({ email: emailInput.trim().toLowerCase() });
    const ok = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !ok) throw new DomainError('invalid_credentials', 'Wrong email or password');
    return { token: await this.openSession(user.id), user };
  }

  async createUser(
    tenantId: string | null,
    role: UserRole,
    emailInput: string,
    password: string,
  ): Promise<User> {
    const user = Object.assign(new User(), {
      id: randomUUID(),
      tenantId,
      email: emailInput.trim().toLowerCase(),
      passwordHash: await this.hasher.hash(password),
      role,
      createdAt: this.clock.now(),
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('email_taken', 'An account with this email already exists');
      throw error;
    }
    return user;
  }

  addTenantUser(tenantId: string, dto: CreateUserDto): Promise<User> {
    return this.createUser(tenantId, dto.role, dto.email, dto.password);
  }

  listTenantUsers(tenantId: string): Promise<User[]> {
    return this.users.find({ where: { tenantId }, order: { createdAt: 'ASC' } });
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: this.crypto.hash(token) });
  }

  /** The principal behind a session token, or null when it is unknown or expired. */
  async principalForSession(token: string): Promise<Principal | null> {
    if (!token.startsWith(SESSION_PREFIX)) return null;
    const session = await this.sessions.findOneBy({ tokenHash: this.crypto.hash(token) });
    if (!session || !this.crypto.matches(token, session.tokenHash) || session.expiresAt < this.clock.now()) {
      return null;
    }
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user) return null;
    return { kind: 'user', userId: user.id, role: user.role, tenantId: user.tenantId, email: user.email };
  }

  private async openSession(userId: string): Promise<string> {
    const token = SESSION_PREFIX + randomToken(32);
    const now = this.clock.now();
    await this.sessions.insert({
      id: randomUUID(),
      userId,
      tokenHash: this.crypto.hash(token),
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
    return token;
  }
}
