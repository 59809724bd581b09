import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PlatformEnv } from '@rag/config';
import { TOPICS } from '@rag/contracts';
import {
  createTopics,
  ensurePostgres,
  EnsurePostgresOptions,
  sleep,
  startKafkaBroker,
  stopEmbeddedPostgres,
  stopKafkaBroker,
} from '@rag/infra';
import { migrateAll } from '../../../scripts/db-migrate';

const KAFKA_PORT = Number(process.env.FAULTS_KAFKA_PORT ?? 29192);
const POSTGRES_PORT = Number(process.env.FAULTS_POSTGRES_PORT ?? 25433);
const dataDir = join(__dirname, '..', '..', '..', '.data');
const kafkaDataDir = join(dataDir, `faults-kafka-${KAFKA_PORT}`);
const postgres: EnsurePostgresOptions = {
  forceEmbedded: true,
  // Under the system temp dir: as root the server runs as `postgres`, which may not traverse the checkout's parents.
  embeddedDataDir: join(tmpdir(), `rag-faults-postgres-${POSTGRES_PORT}`),
  embeddedPort: POSTGRES_PORT,
};
export const faultStoresDir = join(dataDir, `faults-stores-${KAFKA_PORT}`);

export interface FaultInfra {
  brokers: string[];
  /** Stops the broker (its data kept), waits `downMs`, starts it again. */
  restartKafka(downMs: number): Promise<void>;
  /** Stops PostgreSQL (fast shutdown: every connection is cut), waits `downMs`, starts it again. */
  restartPostgres(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Kafka broker and a PostgreSQL server owned by the fault suite alone (it stops and restarts
 * them), both wiped first, with the apps' databases migrated and the topics created. The apps
 * started afterwards inherit the environment set here.
 */
export async function startFaultInfra(): Promise<FaultInfra> {
  await stopKafkaBroker(kafkaDataDir);
  await stopEmbeddedPostgres(postgres.embeddedDataDir!);
  await Promise.all(
    [kafkaDataDir, postgres.embeddedDataDir!, faultStoresDir].map((dir) => rm(dir, { recursive: true, force: true })),
  );
  const startBroker = () => startKafkaBroker({ port: KAFKA_PORT, dataDir: kafkaDataDir, heapMb: 512 });
  const broker = await startBroker();
  if (!broker.owned) throw new Error(`port ${KAFKA_PORT} is taken by a broker the fault suite does not own`);
  let server = await ensurePostgres(postgres);

  Object.assign(process.env, {
    DATABASE_URL: server.url,
    DB_NAME_PREFIX: 'faults_',
    KAFKA_BROKERS: broker.brokers.join(','),
    BLOB_DIR: join(faultStoresDir, 'blobs'),
    VECTOR_STORE_URI: join(faultStoresDir, 'vectors'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  });
  await migrateAll(loadConfig(PlatformEnv));
  await createTopics(broker.brokers, Object.values(TOPICS), 3);

  return {
    brokers: broker.brokers,
    restartKafka: async (downMs) => {
      await stopKafkaBroker(kafkaDataDir);
      await sleep(downMs);
      await startBroker();
    },
    restartPostgres: async (downMs) => {
      await server.stop();
      await sleep(downMs);
      server = await ensurePostgres(postgres);
    },
    stop: async () => {
      await stopKafkaBroker(kafkaDataDir);
      await server.stop();
    },
  };
}
