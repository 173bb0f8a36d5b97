// Prints the SQL that would bring an empty database to the current entities, for one dialect.
// Used to write migrations: `node -r @swc-node/register apps/api/scripts/schema-sql.ts sqlite|mysql [DATABASE_URL]`.
// Against a migrated database it prints the pending difference instead (empty when there is none).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/infra/database/data-source-options';

async function main(): Promise<void> {
  const dialect = process.argv[2];
  const url = process.argv[3];
  const ds = new DataSource(
    dialect === 'mysql'
      ? dataSourceOptions({ type: 'mysql', url: url ?? 'mysql://root@127.0.0.1:3306/test', database: 'x' })
      : dataSourceOptions({ type: 'sqlite', file: url ?? ':memory:' }),
  );
  await ds.initialize();
  const sql = await ds.driver.createSchemaBuilder().log();
  console.log(
    JSON.stringify(
      sql.upQueries.map((q) => q.query),
      null,
      2,
    ),
  );
  await ds.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
