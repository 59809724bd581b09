import { join } from 'node:path';

/**
 * Where integration tests find the infrastructure global setup started (shared via env).
 * TEST_KAFKA_PORT and TEST_DB_PREFIX let two test runs on one machine keep apart.
 */
export const TEST_KAFKA_PORT = Number(process.env.TEST_KAFKA_PORT ?? 29092);
export const TEST_DB_PREFIX = process.env.TEST_DB_PREFIX ?? 'test_';
export const testKafkaDataDir = join(__dirname, '..', '..', '..', '.data', `test-kafka-${TEST_KAFKA_PORT}`);
/** Blob store and vector index of the test run's apps, wiped at the start of each run. */
export const testStoresDir = join(__dirname, '..', '..', '..', '.data', `test-stores-${TEST_KAFKA_PORT}`);

export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through jest (global setup starts Kafka)');
  return brokers.split(',');
}
