import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './infra/config/app-config';
import type { PasswordHasher } from './infra/crypto/password-hasher';
import type { TokenCrypto } from './infra/crypto/token-crypto';
import { TransactionRunner } from './infra/database/transaction-runner';
import { APP_CONFIG, CLOCK, type Clock, LOGGER, PASSWORD_HASHER, TOKEN_CRYPTO } from './infra/tokens';
import { ApiKeyModule } from './modules/api-key/api-key.module';
import { AuthModule } from './modules/auth/auth.module';
import { CallbackModule } from './modules/callback/callback.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { OrderModule } from './modules/order/order.module';
import { PrinterModule } from './modules/printer/printer.module';
import { QueueModule } from './modules/queue/queue.module';
import { ShopModule } from './modules/shop/shop.module';
import { TenantModule } from './modules/tenant/tenant.module';
import { WebhookModule } from './modules/webhook/webhook.module';

export interface AppDependencies {
  config: AppConfig;
  dataSource: DataSource;
  crypto: TokenCrypto;
  hasher: PasswordHasher;
  logger: Logger;
  clock: Clock;
}

@Global()
@Module({})
class InfraModule {
  static forRoot(deps: AppDependencies): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: deps.config },
      { provide: TOKEN_CRYPTO, useValue: deps.crypto },
      { provide: PASSWORD_HASHER, useValue: deps.hasher },
      { provide: LOGGER, useValue: deps.logger },
      { provide: CLOCK, useValue: deps.clock },
      TransactionRunner,
    ];
    return { module: InfraModule, providers, exports: providers };
  }
}

@Module({})
export class AppModule {
  static forRoot(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The data source is created, migrated and checked before Nest starts (see app factory).
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...deps.dataSource.options }),
          dataSourceFactory: () => Promise.resolve(deps.dataSource),
        }),
        ScheduleModule.forRoot(),
        ThrottlerModule.forRoot([
          { name: 'auth', ttl: 60_000, limit: deps.config.limits.authAttemptsPerMinute },
        ]),
        InfraModule.forRoot(deps),
        HealthModule,
        AuthModule,
        TenantModule,
        ApiKeyModule,
        PrinterModule,
        OrderModule,
        QueueModule,
        CallbackModule,
        MetricsModule,
        WebhookModule,
        ShopModule,
      ],
    };
  }
}
