import { stopKafkaBroker } from '@rag/infra';
import { stopPostgresContainer } from './postgres-container';
import { testKafkaDataDir } from './test-env';

export default async function globalTeardown(): Promise<void> {
  await stopKafkaBroker(testKafkaDataDir);
  await stopPostgresContainer();
}
