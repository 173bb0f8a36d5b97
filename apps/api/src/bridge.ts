import 'reflect-metadata';
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
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
import { validationPipe } from './common/validation';
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

/** Migrations on MySQL run under a named lock, so instances starting together do not race. */
async function migrate(dataSource: DataSource): Promise<void> {
  if (!isMysqlFamily(dataSource)) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = (await runner.query("SELECT GET_LOCK('goodcom_bridge_migrations', 120) AS locked")) as {
      locked: number | string | null;
    }[];
    // 0: another instance held the lock for two minutes; migrating without it could race.
    if (Number(row?.locked) !== 1) throw new Error('Could not take the migration lock within 120 s');
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query("SELECT RELEASE_LOCK('goodcom_bridge_migrations')").catch(() => undefined);
    await runner.release();
  }
}

/** The deepest body any endpoint takes is 4 levels (order → items → options → option); with headroom. */
const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /\p{Cs}/u;
/** Keys that address prototypes: refused like any unknown field instead of being silently dropped. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What JSON.parse accepts but no endpoint does, named for the caller: a top-level array, nesting
 * deep enough to overflow the validator's recursion (a 500 before), prototype keys, and unpaired
 * UTF-16 surrogates (`"\ud800"`), which no database column can store as sent.
 */
function jsonBodyProblem(body: unknown): string | null {
  if (Array.isArray(body)) return 'The request body must be a JSON object, not an array';
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string' && LONE_SURROGATE.test(value))
      return 'The request body contains a string with an unpaired UTF-16 surrogate (not valid Unicode)';
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) {
      if (RESERVED_KEYS.has(key)) return `property ${key} should not exist`;
      pending.push({ value: key, depth }, { value: child, depth: depth + 1 });
    }
  }
  return null;
}

/** JSON is UTF-8 (RFC 8259): invalid bytes are refused instead of being stored as U+FFFD. */
function rejectInvalidUtf8(request: Request, _response: Response, raw: Buffer): void {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if ((charset === undefined || charset === 'utf-8' || charset === 'utf8') && !isUtf8(raw))
    throw new DomainError('malformed_json', 'The request body is not valid UTF-8');
}

/** Any other client-side parser failure (corrupt gzip, body shorter than Content-Length): 400, not 500. */
function unreadableBody(error: unknown): DomainError | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500
    ? new DomainError('malformed_json', 'The request body could not be read (corrupt encoding or cut short)')
    : null;
}

/** Returns a probe of the requests in flight, for graceful shutdown. */
function installHttpPipeline(app: NestExpressApplication, config: AppConfig, logger: Logger): () => number {
  const instance = app.getHttpAdapter().getInstance();
  instance.disable('x-powered-by');
  instance.set('trust proxy', config.trustProxy);
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
  const json = express.json({ limit: config.limits.bodyBytes, strict: true, verify: rejectInvalidUtf8 });
  // Parser failures become domain errors here; Nest would otherwise turn them into a generic 400.
  const parserError = (error: unknown): unknown =>
    error instanceof DomainError ? error : (bodyParserError(error) ?? unreadableBody(error) ?? error);
  const parse =
    (parser: typeof json) =>
    (request: Request, response: Response, next: NextFunction): void =>
      parser(request, response, (error?: unknown) => next(error ? parserError(error) : undefined));
  app.use('/gc', parse(text));
  // Shop webhooks: the exact bytes are kept, because their signatures are computed over them.
  app.use('/hooks', parse(express.raw({ type: () => true, limit: config.limits.bodyBytes })));
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
  app.use('/api', (request: Request, _response: Response, next: NextFunction) => {
    const problem = request.body === undefined ? null : jsonBodyProblem(request.body);
    next(problem === null ? undefined : new DomainError('validation_failed', problem));
  });
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
    const apiPath = /^\/(api|gc|hooks|health|ready|metrics)(\/|$)/.test(request.path);
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
