import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('needs no variables: embedded SQLite under ./data on port 3000', () => {
    const config = loadConfig({}, '/srv/bridge');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', file: '/srv/bridge/data/goodcom-bridge.sqlite' });
    expect(config.runMigrations).toBe(true);
    expect(config.appSecret).toBeNull();
  });

  it('trusts only loopback proxies unless told which others', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'loopback',
    ]);
  });

  it('defaults the integrations to deliver every second and retry for 24 h', () => {
    expect(loadConfig({}).integrations).toEqual({
      outboxIntervalMs: 1000,
      retryHours: 24,
      timeoutMs: 10_000,
      allowPrivateTargets: false,
      shopPollSeconds: 30,
    });
  });

  it('reads MariaDB and MySQL URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://u:p@db:3306/bridge' }).database).toMatchObject({
      type: 'mariadb',
      database: 'bridge',
    });
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/bridge' }).database).toMatchObject({
      type: 'mysql',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://host:3306/' }, 'DATABASE_URL'],
    [{ PUBLIC_BASE_URL: 'example.com' }, 'PUBLIC_BASE_URL'],
    [{ APP_SECRET: 'short' }, 'APP_SECRET'],
    [{ RUN_MIGRATIONS: 'maybe' }, 'RUN_MIGRATIONS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ ALLOW_PRIVATE_TARGETS: 'sometimes' }, 'ALLOW_PRIVATE_TARGETS'],
    [{ OUTBOX_RETRY_HOURS: '0' }, 'OUTBOX_RETRY_HOURS'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
