import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import path from 'node:path';
import { type INestApplication, ValidationPipe, type ValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { setPublicBaseUrl } from './common/base-url';
import { DomainError } from './common/domain-error';
import { AllExceptionsFilter, bodyParserError } from './common/exception.filter';
import type { AppConfig } from './infra/config/app-config';
import { PasswordHasher } from './infra/crypto/password-hasher';
import { TokenCrypto } from './infra/crypto/token-crypto';
import { resolveAppSecret } from './infra/database/app-secret';
import { dataSourceOptions } from './infra/database/data-source-options';
import { isMysqlFamily } from './infra/database/transaction-runner';
import { createFrontServer } from './infra/http/front-server';
import { createLogger, NestPinoLogger, redactUrl } from './infra/logging/logger';
import type { Clock } from './infra/tokens';

export interface Bridge {
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  logger: Logger;
  /** Starts accepting connections; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes everything. */
  close(graceMs?: number): Promise<void>;
}

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.values(error.constraints).map((p) => p.replace(error.property, field)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => {
    const details = flatten(errors);
    const message = details
      .flatMap((d) => d.problems)
      .slice(0, 5)
      .join('; ');
    return new DomainError('validation_failed', message || 'The request is invalid', details);
  },
});

/** Migrations on MySQL run under a named lock, so instances starting together do not race. */
async function migrate(dataSource: DataSource): Promise<void> {
  if (!isMysqlFamily(dataSource)) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query("SELECT GET_LOCK('goodcom_bridge_migrations', 120)");
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query("SELECT RELEASE_LOCK('goodcom_bridge_migrations')").catch(() => undefined);
    await runner.release();
  }
}

/** Returns a probe of the requests in flight, for graceful shutdown. */
function installHttpPipeline(app: NestExpressApplication, config: AppConfig, logger: Logger): () => number {
  const instance = app.getHttpAdapter().getInstance();
  instance.disable('x-powered-by');
  instance.set('trust proxy', 'loopback');
  let inFlight = 0;
  app.use((request: Request & { id?: string }, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const header = request.headers['x-request-id'];
    request.id = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    response.setHeader('X-Request-Id', request.id);
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      const printer = request.originalUrl.startsWith('/gc/');
      const entry = {
        reqId: request.id,
        method: request.method,
        url: redactUrl(request.originalUrl),
        status: response.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      };
      // Printers poll all day: their requests are debug noise unless something failed.
      if (printer && response.statusCode < 400) logger.debug(entry, 'printer request');
      else logger.info(entry, 'request');
    });
    next();
  });

  // Printer endpoints: the body is kept as raw text and parsed leniently by the protocol library.
  const text = express.text({ type: () => true, limit: '16kb' });
  const json = express.json({ limit: config.limits.bodyBytes, strict: true });
  // Parser failures become domain errors here; Nest would otherwise turn them into a generic 400.
  const parse =
    (parser: typeof json) =>
    (request: Request, response: Response, next: NextFunction): void =>
      parser(request, response, (error?: unknown) =>
        next(error ? (bodyParserError(error) ?? error) : undefined),
      );
  app.use('/gc', parse(text));
  app.use('/api', (request: Request, _response: Response, next: NextFunction) => {
    const hasBody =
      request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(request.method) && !request.is('application/json')) {
      const length = Number(request.headers['content-length'] ?? 1);
      if (length > 0) {
        next(
          new DomainError(
            'unsupported_media_type',
            'Send the request body as JSON (Content-Type: application/json)',
          ),
        );
        return;
      }
    }
    next();
  });
  app.use('/api', parse(json));
  return () => inFlight;
}

function installDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('GoodCom Bridge API')
      .setDescription('Connects online shops to GoodCom WiFi/GPRS order printers.')
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

function installDashboard(app: NestExpressApplication, dir: string | null, logger: Logger): void {
  if (dir === null || !fs.existsSync(path.join(dir, 'index.html'))) {
    logger.info('dashboard build not found; serving the API only');
    return;
  }
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  const indexHtml = path.join(dir, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const apiPath = /^\/(api|gc|health|ready)(\/|$)/.test(request.path);
    if (request.method !== 'GET' || apiPath || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
}

export async function createBridge(
  config: AppConfig,
  clock: Clock = { now: () => Date.now() },
): Promise<Bridge> {
  const logger = createLogger(config.logLevel);
  setPublicBaseUrl(config.publicBaseUrl);
  const dataSource = new DataSource(dataSourceOptions(config.database));
  await dataSource.initialize();
  if (config.runMigrations) await migrate(dataSource);
  const appSecret = await resolveAppSecret(dataSource, config.appSecret);

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      config,
      dataSource,
      crypto: new TokenCrypto(appSecret),
      hasher: new PasswordHasher(config.passwordHashCost),
      logger,
      clock,
    }),
    { bodyParser: false, logger: new NestPinoLogger(logger) },
  );
  const inFlight = installHttpPipeline(app, config, logger);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  installDocs(app);
  installDashboard(app, config.dashboardDir, logger);
  await app.init();

  let front: net.Server | null = null;
  return {
    app,
    dataSource,
    config,
    logger,
    async listen() {
      front = createFrontServer(app.getHttpServer());
      await new Promise<void>((resolve, reject) => {
        front!.once('error', reject);
        front!.listen(config.port, config.host, () => resolve());
      });
      const port = (front.address() as AddressInfo).port;
      logger.info(
        { port, database: config.database.type },
        `GoodCom Bridge listening on http://localhost:${port}`,
      );
      return port;
    },
    async close(graceMs = 10_000) {
      const server = app.getHttpServer();
      if (front) await new Promise<void>((resolve) => front!.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      server.closeIdleConnections();
      while (inFlight() > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        server.closeIdleConnections();
      }
      server.closeAllConnections();
      await app.close();
    },
  };
}
