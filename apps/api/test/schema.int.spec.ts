import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/infra/database/data-source-options';
import { loadConfig } from '../src/infra/config/app-config';
import { DIALECTS, freshDatabase } from './harness';

/** The migrations, run on an empty database, produce exactly the schema the entities describe. */
describe.each(DIALECTS)('migrated schema on %s', (dialect) => {
  it('has no drift from the entities, and the migrations run down and up again', async () => {
    const db = await freshDatabase(dialect);
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database));
    try {
      await dataSource.initialize();
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const drift = await dataSource.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);
      await dataSource.undoLastMigration();
      await dataSource.runMigrations();
      const again = await dataSource.driver.createSchemaBuilder().log();
      expect(again.upQueries).toHaveLength(0);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    }
  });
});
