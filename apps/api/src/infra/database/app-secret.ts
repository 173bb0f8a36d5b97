import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppSetting } from './app-setting.entity';

const KEY = 'app_secret';

/**
 * The operator's APP_SECRET, or one generated at first start and kept in the database, so a
 * zero-config start survives restarts and every instance on a shared database agrees on it.
 */
export async function resolveAppSecret(dataSource: DataSource, configured: string | null): Promise<string> {
  if (configured !== null) return configured;
  const repo = dataSource.getRepository(AppSetting);
  const existing = await repo.findOneBy({ key: KEY });
  if (existing) return existing.value;
  // Two instances starting together: the primary key lets exactly one insert win; both read it back.
  await repo
    .createQueryBuilder()
    .insert()
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .orIgnore()
    .execute();
  const stored = await repo.findOneByOrFail({ key: KEY });
  return stored.value;
}
