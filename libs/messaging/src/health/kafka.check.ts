import { Inject, Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@rag/observability';
import { Kafka } from 'kafkajs';
import { KAFKA } from '../messaging.options';

@Injectable()
export class KafkaCheck implements ReadinessCheck {
  readonly name = 'kafka';

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(): Promise<{ healthy: boolean; details?: Record<string, unknown> }> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      return { healthy: cluster.brokers.length > 0, details: { brokers: cluster.brokers.length } };
    } finally {
      await admin.disconnect();
    }
  }
}
