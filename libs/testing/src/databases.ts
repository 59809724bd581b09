import { appDatabaseUrl } from '@rag/database';
import { Pool } from 'pg';

const pools = new Map<string, Pool>();

/**
 * A pool on an app's test database: the same database and role the app itself uses. `prefix`
 * names another set of databases (e.g. scratch ones a spec migrated for itself).
 */
export function appPool(app: string, prefix = process.env.DB_NAME_PREFIX!): Pool {
  const name = `${prefix}${app}`;
  let pool = pools.get(name);
  if (!pool) {
    const connectionString = appDatabaseUrl(
      { DATABASE_URL: process.env.DATABASE_URL!, DB_NAME_PREFIX: prefix, DB_POOL_SIZE: 2 },
      app,
    );
    pool = new Pool({ connectionString, max: 2, options: '-c TimeZone=UTC' });
    pools.set(name, pool);
  }
  return pool;
}

export async function closePools(): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.end()));
  pools.clear();
}
