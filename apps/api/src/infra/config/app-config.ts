import path from 'node:path';

/** The typed configuration, read once at boot. Nothing else in the API reads `process.env`. */
export interface AppConfig {
  port: number;
  host: string;
  /** Base for printer URLs; when null, built from the request's Host header. */
  publicBaseUrl: string | null;
  database: DatabaseConfig;
  runMigrations: boolean;
  /** Given by the operator; otherwise generated once and stored in the database. */
  appSecret: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  limits: {
    bodyBytes: number;
    itemsPerOrder: number;
    authAttemptsPerMinute: number;
    unknownTokenAttemptsPerMinute: number;
    /** Unknown API keys one client address may send per minute before it gets 429. */
    unknownApiKeyAttemptsPerMinute: number;
  };
  /** Seconds between queue-health sweeps; 0 disables the scheduled job (tests drive it by hand). */
  queueSweepSeconds: number;
  /** Folder with the built dashboard to serve at `/`, if present. */
  dashboardDir: string | null;
  /** scrypt cost (N). Lowered only in tests. */
  passwordHashCost: number;
  integrations: IntegrationsConfig;
  metrics: MetricsConfig;
  /**
   * Which proxies' X-Forwarded-For is believed (Express `trust proxy`): `loopback` by default, or a
   * comma-separated list of addresses/CIDRs such as `10.0.0.0/8` for a load balancer on another host.
   * Client addresses drive the per-client rate limits, so this must name only your own proxies.
   */
  trustProxy: string[];
}

export interface MetricsConfig {
  /** Bearer token for `GET /metrics`; when null, only local, unproxied clients may scrape. */
  token: string | null;
  /** Seconds the database-derived gauges are reused, so a scrape storm cannot load the database. */
  cacheSeconds: number;
}

export interface IntegrationsConfig {
  /** How often each instance looks for due webhook/status deliveries; 0 stops delivering. */
  outboxIntervalMs: number;
  /** A delivery keeps being retried for at least this long before it is marked failed. */
  retryHours: number;
  /** Per-request timeout for webhook calls and shop API calls. */
  timeoutMs: number;
  /** Allow webhook and shop URLs on loopback/private networks (self-hosting next to the shop, tests). */
  allowPrivateTargets: boolean;
  /** Seconds between Framework360 `orders/list` polls; 0 stops polling. */
  shopPollSeconds: number;
}

export type DatabaseConfig =
  { type: 'sqlite'; file: string } | { type: 'mysql' | 'mariadb'; url: string; database: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readDatabase(env: Env, cwd: string): DatabaseConfig {
  const raw = env['DATABASE_URL'];
  if (raw === undefined || raw === '')
    return { type: 'sqlite', file: path.resolve(cwd, 'data/goodcom-bridge.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '')
      throw new ConfigError('DATABASE_URL', 'names no SQLite file (use sqlite:./data/bridge.sqlite)');
    return { type: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (/^(mysql|mariadb):\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw.replace(/^mariadb:/, 'mysql:'));
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL');
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (database === '')
      throw new ConfigError('DATABASE_URL', 'names no database (mysql://user:pass@host:3306/dbname)');
    // TypeORM reads MariaDB's catalogue differently (e.g. NULL defaults): say which one it is.
    return { type: raw.startsWith('mariadb:') ? 'mariadb' : 'mysql', url: url.toString(), database };
  }
  throw new ConfigError('DATABASE_URL', 'must start with mysql://, mariadb:// or sqlite:');
}

function readBaseUrl(env: Env): string | null {
  const raw = env['PUBLIC_BASE_URL'];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_BASE_URL', `is not an absolute URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_BASE_URL', 'must use http or https');
  }
  return url.toString().replace(/\/+$/, '');
}

function readTrustProxy(env: Env): string[] {
  const raw = env['TRUST_PROXY'];
  if (raw === undefined || raw === '') return ['loopback'];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  for (const entry of entries) {
    if (!named.has(entry) && !/^[\d.:a-fA-F]+(\/\d{1,3})?$/.test(entry)) {
      throw new ConfigError(
        'TRUST_PROXY',
        `has "${entry}", which is not an address, a CIDR range or loopback/linklocal/uniquelocal`,
      );
    }
  }
  return entries;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const appSecret = env['APP_SECRET'] ?? null;
  if (appSecret !== null && appSecret.length < 32) {
    throw new ConfigError('APP_SECRET', 'must be at least 32 characters (or unset to generate one)');
  }
  const metricsToken = env['METRICS_TOKEN'] ?? '';
  if (metricsToken !== '' && metricsToken.length < 16) {
    throw new ConfigError(
      'METRICS_TOKEN',
      'must be at least 16 characters (or unset for local-only metrics)',
    );
  }
  const dashboardDir = env['DASHBOARD_DIR'] ?? path.resolve(__dirname, '../../../../dashboard/dist');
  return {
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: env['HOST'] ?? '0.0.0.0',
    publicBaseUrl: readBaseUrl(env),
    database: readDatabase(env, cwd),
    runMigrations: readBool(env, 'RUN_MIGRATIONS', true),
    appSecret,
    logLevel: logLevel as AppConfig['logLevel'],
    limits: {
      bodyBytes: readInt(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
      itemsPerOrder: readInt(env, 'MAX_ITEMS_PER_ORDER', 200, 1, 2000),
      authAttemptsPerMinute: readInt(env, 'AUTH_ATTEMPTS_PER_MINUTE', 10, 1, 100000),
      unknownTokenAttemptsPerMinute: readInt(env, 'UNKNOWN_TOKEN_ATTEMPTS_PER_MINUTE', 30, 1, 100000),
      unknownApiKeyAttemptsPerMinute: readInt(env, 'UNKNOWN_API_KEY_ATTEMPTS_PER_MINUTE', 30, 1, 100000),
    },
    queueSweepSeconds: readInt(env, 'QUEUE_SWEEP_SECONDS', 30, 0, 3600),
    dashboardDir: dashboardDir === '' ? null : dashboardDir,
    passwordHashCost: readInt(env, 'PASSWORD_HASH_COST', 32768, 1024, 1048576),
    integrations: {
      outboxIntervalMs: readInt(env, 'OUTBOX_INTERVAL_MS', 1000, 0, 60_000),
      retryHours: readInt(env, 'OUTBOX_RETRY_HOURS', 24, 1, 24 * 14),
      timeoutMs: readInt(env, 'OUTBOUND_TIMEOUT_MS', 10_000, 100, 60_000),
      allowPrivateTargets: readBool(env, 'ALLOW_PRIVATE_TARGETS', false),
      shopPollSeconds: readInt(env, 'SHOP_POLL_SECONDS', 30, 0, 3600),
    },
    trustProxy: readTrustProxy(env),
    metrics: {
      token: metricsToken === '' ? null : metricsToken,
      cacheSeconds: readInt(env, 'METRICS_CACHE_SECONDS', 5, 0, 300),
    },
  };
}
