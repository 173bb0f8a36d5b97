import fs from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One place that turns the database configuration into TypeORM options for either dialect. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (db.type !== 'sqlite') {
    return {
      ...common,
      type: db.type,
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      extra: { connectionLimit: 10 },
    };
  }
  if (db.file !== ':memory:') fs.mkdirSync(path.dirname(db.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.file,
    enableWAL: db.file !== ':memory:',
    // Wait for a concurrent writer instead of failing at once with SQLITE_BUSY.
    prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
    },
  };
}
