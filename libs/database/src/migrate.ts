import { Client } from 'pg';
import { AppDatabase, DatabaseConnection, createDataSource } from './data-source';
import { databaseNameFor, withDatabase } from './database-url';

const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Creates `database` on the server unless it exists; true when this call created it. */
export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<boolean> {
  if (!DATABASE_NAME.test(database)) throw new Error(`Invalid database name "${database}": expected ${DATABASE_NAME}`);
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${database}"`);
    return true;
  } catch (error) {
    // Two processes creating the same database at once: the loser sees duplicate_database.
    if ((error as { code?: string }).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

/** Creates the app's database when missing and runs its pending migrations. */
export async function migrateAppDatabase(database: AppDatabase, connection: DatabaseConnection): Promise<string[]> {
  await ensureDatabaseExists(connection.DATABASE_URL, databaseNameFor(connection.DB_NAME_PREFIX, database.app));
  const dataSource = createDataSource(database, connection);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
