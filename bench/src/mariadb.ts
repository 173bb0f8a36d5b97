// A throw-away MariaDB database per run: created before the API starts, dropped at the end.
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(server: string): string {
  return server.replace(/^mariadb:/, 'mysql:');
}

/** The database, or the reason it could not be made (the run then records the target as skipped). */
export async function createBenchDatabase(server: string): Promise<BenchDatabase | { skipped: string }> {
  const name = `gcb_bench_${randomBytes(4).toString('hex')}`;
  try {
    const admin = await createConnection({ uri: adminUrl(server), connectTimeout: 3000 });
    try {
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    return { skipped: `MariaDB not reachable at ${server} (${(error as Error).message})` };
  }
  return {
    url: `${server}/${name}`,
    name,
    drop: async () => {
      const admin = await createConnection({ uri: adminUrl(server), connectTimeout: 3000 });
      try {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await admin.end();
      }
    },
  };
}
