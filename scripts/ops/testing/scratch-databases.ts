import { databaseNameFor, migrateAppDatabase } from '@rag/database';
import { dropDatabase } from '@rag/infra';
import { TEST_DB_PREFIX } from '@rag/testing';
import { PLATFORM_APPS } from '../../apps';

/**
 * Fresh, migrated databases `<TEST_DB_PREFIX><name>_<app>` for every app, for a spec that needs to
 * know every row (other specs leave theirs in the shared test databases). Answers the prefix to
 * pass as DB_NAME_PREFIX to the CLI and to appPool.
 */
export async function migrateScratchDatabases(name: string): Promise<string> {
  const prefix = `${TEST_DB_PREFIX}${name}_`;
  const connection = { DATABASE_URL: process.env.DATABASE_URL!, DB_NAME_PREFIX: prefix, DB_POOL_SIZE: 2 };
  for (const app of PLATFORM_APPS) {
    if (!app.database) continue;
    await dropDatabase(connection.DATABASE_URL, databaseNameFor(prefix, app.name));
    await migrateAppDatabase(app.database, connection);
  }
  return prefix;
}
