import { Inject, Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@rag/observability';
import { KafkaEventsServer } from '../consumer/kafka-events.server';
import { DEFAULT_CONSUMER_TUNING, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

@Injectable()
export class ConsumerLagCheck implements ReadinessCheck {
  readonly name = 'consumerLag';
  private readonly maxLag: number;

  constructor(
    private readonly server: KafkaEventsServer,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.maxLag = options.consumer?.maxHealthyLag ?? DEFAULT_CONSUMER_TUNING.maxHealthyLag;
  }

  async check(): Promise<{ healthy: boolean; details?: Record<string, unknown> }> {
    const lag = await this.server.lag();
    return {
      healthy: lag <= this.maxLag,
      details: { group: this.server.consumerGroup, lag, topics: this.server.topics },
    };
  }
}
