// Local infrastructure for dev: node -r @swc-node/register infra/src/cli.ts up|down|status
import { relative } from 'node:path';
import { readCliState, removeCliState, writeCliState } from './cli-state';
import { brokerPid, isKafkaReachable, startKafkaBroker, stopKafkaBroker } from './kafka/kafka-broker';
import { defaultKafkaDataDir, defaultPostgresDataDir, repoRoot } from './paths';
import { embeddedPostgresPort } from './postgres/embedded-postgres';
import { ensurePostgres, isPostgresReachable, stopEmbeddedPostgres } from './postgres/postgres-server';

const kafkaPort = Number(process.env.KAFKA_PORT ?? 9092);
const shown = (path: string): string => relative(repoRoot, path) || '.';

async function up(): Promise<void> {
  const postgres = await ensurePostgres({ embeddedDataDir: defaultPostgresDataDir });
  const postgresSource = postgres.embedded ? `embedded, data in ${shown(defaultPostgresDataDir)}` : 'existing server';
  console.log(`PostgreSQL  ${postgres.url}  (${postgresSource})`);

  const kafka = await startKafkaBroker({ port: kafkaPort });
  const kafkaSource = kafka.owned ? `started, pid ${kafka.pid}` : 'already running';
  console.log(`Kafka       ${kafka.brokers.join(',')}  (${kafkaSource}, data in ${shown(kafka.dataDir)})`);

  await writeCliState({
    postgres: { url: postgres.url, embedded: postgres.embedded, dataDir: defaultPostgresDataDir },
    kafka: { brokers: kafka.brokers, dataDir: kafka.dataDir },
  });
}

async function down(): Promise<void> {
  const state = await readCliState();
  const kafkaDataDir = state?.kafka.dataDir ?? defaultKafkaDataDir(kafkaPort);
  const kafkaStopped = await stopKafkaBroker(kafkaDataDir);
  console.log(`Kafka       ${kafkaStopped ? 'stopped' : `not running (no live pid in ${shown(kafkaDataDir)})`}`);

  // Only ever the embedded server: an external PostgreSQL is not ours to stop.
  const postgresDataDir = state?.postgres.dataDir ?? defaultPostgresDataDir;
  const postgresStopped = await stopEmbeddedPostgres(postgresDataDir);
  console.log(`PostgreSQL  ${postgresStopped ? 'embedded server stopped' : 'no embedded server running'}`);
  await removeCliState();
}

async function status(): Promise<void> {
  const state = await readCliState();
  const postgresDataDir = state?.postgres.dataDir ?? defaultPostgresDataDir;
  const embeddedPort = await embeddedPostgresPort(postgresDataDir);
  const postgresUrl = state?.postgres.url ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';
  const postgresUp = await isPostgresReachable(postgresUrl);
  const embeddedNote = embeddedPort ? `, embedded server running on port ${embeddedPort}` : '';
  console.log(`PostgreSQL  ${postgresUrl}  ${postgresUp ? 'up' : 'down'}${embeddedNote}`);

  const brokers = state?.kafka.brokers ?? [`127.0.0.1:${kafkaPort}`];
  const kafkaUp = await isKafkaReachable(brokers);
  const pid = await brokerPid(state?.kafka.dataDir ?? defaultKafkaDataDir(kafkaPort));
  console.log(`Kafka       ${brokers.join(',')}  ${kafkaUp ? 'up' : 'down'}${pid ? `, pid ${pid}` : ''}`);
}

const commands: Record<string, () => Promise<void>> = { up, down, status };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('Usage: node -r @swc-node/register infra/src/cli.ts up|down|status');
  process.exitCode = 2;
} else {
  command().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
