import { createKafka } from '@rag/messaging';
import { OpsEnv } from './ops.env';

/** The platform's Kafka client, failing within seconds rather than retrying for half a minute. */
export function opsKafka(env: OpsEnv): ReturnType<typeof createKafka> {
  return createKafka(env.KAFKA_BROKERS, env.KAFKA_CLIENT_ID ?? 'ops', { retries: 3, maxRetryTime: 2000 });
}
