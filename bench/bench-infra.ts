import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, PlatformEnv } from '@rag/config';
import { TOPICS } from '@rag/contracts';
import { databaseNameFor } from '@rag/database';
import { createTopics, dropDatabase, ensurePostgres, startKafkaBroker, stopKafkaBroker } from '@rag/infra';
import { PLATFORM_APPS } from '../scripts/apps';
import { migrateAll } from '../scripts/db-migrate';

export const BENCH_KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 39092);
export const BENCH_DB_PREFIX = 'bench_';
const benchKafkaDataDir = join(__dirname, '..', '.data', `bench-kafka-${BENCH_KAFKA_PORT}`);

export interface BenchInfra {
  databaseUrl: string;
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * Mirrors the test global setup (libs/testing/src/infra-setup.ts) for the benchmarks: PostgreSQL
 * (DATABASE_URL's server, else the local or embedded one), a fresh broker owned by this run on
 * BENCH_KAFKA_PORT with its data wiped, and freshly migrated `bench_*` databases. The apps started
 * later inherit the env set here.
 */
export async function startBenchInfra(): Promise<BenchInfra> {
  const postgres = await ensurePostgres();

  await stopKafkaBroker(benchKafkaDataDir);
  await rm(benchKafkaDataDir, { recursive: true, force: true });
  const broker = await startKafkaBroker({ port: BENCH_KAFKA_PORT, dataDir: benchKafkaDataDir, heapMb: 512 });
  if (!broker.owned)
    throw new Error(`port ${BENCH_KAFKA_PORT} is taken by a broker this bench does not own (set BENCH_KAFKA_PORT)`);

  Object.assign(process.env, {
    DATABASE_URL: postgres.url,
    DB_NAME_PREFIX: BENCH_DB_PREFIX,
    KAFKA_BROKERS: broker.brokers.join(','),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  for (const app of PLATFORM_APPS) await dropDatabase(postgres.url, databaseNameFor(BENCH_DB_PREFIX, app.name));
  await migrateAll(loadConfig(PlatformEnv));
  // Created up front (3 partitions, as the apps would) so the audit app subscribes to them at boot.
  await createTopics(broker.brokers, Object.values(TOPICS), 3);

  return {
    databaseUrl: postgres.url,
    brokers: broker.brokers,
    stop: async () => {
      await broker.stop();
      await postgres.stop();
    },
  };
}
