import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { databaseNameFor, withDatabase } from './database-url';
import { parseTimestampsAsUtc } from './timestamps';

export interface AppDatabase {
  /** The owning app; its database is `<prefix><app>`. */
  app: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

export interface DatabaseConnection {
  DATABASE_URL: string;
  DB_NAME_PREFIX: string;
  DB_POOL_SIZE: number;
}

export function appDatabaseUrl(connection: DatabaseConnection, app: string): string {
  return withDatabase(connection.DATABASE_URL, databaseNameFor(connection.DB_NAME_PREFIX, app));
}

/** One TypeORM data source per app: its own database, migrations only, sessions in UTC. */
export function buildDataSourceOptions(database: AppDatabase, connection: DatabaseConnection): DataSourceOptions {
  parseTimestampsAsUtc();
  return {
    type: 'postgres',
    url: appDatabaseUrl(connection, database.app),
    entities: database.entities,
    migrations: database.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: connection.DB_POOL_SIZE,
      options: '-c TimeZone=UTC',
      application_name: database.app,
      connectionTimeoutMillis: 5000,
    },
  };
}

export function createDataSource(database: AppDatabase, connection: DatabaseConnection): DataSource {
  return new DataSource(buildDataSourceOptions(database, connection));
}
