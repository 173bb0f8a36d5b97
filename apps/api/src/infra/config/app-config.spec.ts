import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('needs no variables: embedded SQLite under ./data on port 3000', () => {
    const config = loadConfig({}, '/srv/bridge');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', file: '/srv/bridge/data/goodcom-bridge.sqlite' });
    expect(config.runMigrations).toBe(true);
    expect(config.appSecret).toBeNull();
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
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
