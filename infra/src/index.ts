export { ensureKafkaJars, downloadLockedJars } from './kafka/kafka-jars';
export type { JarsLock, LockedJar } from './kafka/jars-lock';
export {
  brokerPid,
  createTopics,
  isKafkaReachable,
  startKafkaBroker,
  stopKafkaBroker,
  type KafkaBroker,
  type StartKafkaBrokerOptions,
} from './kafka/kafka-broker';
export {
  dropDatabase,
  ensurePostgres,
  isPostgresReachable,
  stopEmbeddedPostgres,
  type EnsurePostgresOptions,
  type PostgresServer,
} from './postgres/postgres-server';
export { startApp, type AppProcess, type StartAppOptions } from './process/app-process';
export { freePort, sleep } from './process/process-control';
