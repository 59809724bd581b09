import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { KafkaEventsServer } from './consumer/kafka-events.server';
import { ConsumerLagCheck } from './health/consumer-lag.check';
import { KafkaCheck } from './health/kafka.check';
import { OutboxBacklogCheck } from './health/outbox-backlog.check';
import { createKafka } from './kafka.factory';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxPublisher } from './outbox/outbox.publisher';
import { OutboxRelay } from './outbox/outbox.relay';
import { ProducerService } from './producer.service';

/**
 * Kafka for one app: the outbox publisher and its relay, the producer, and (with a
 * consumerGroup) the KafkaEventsServer to connect as the app's microservice.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: {
    useFactory: (...args: never[]) => MessagingOptions;
    inject?: unknown[];
  }): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: (options.inject ?? []) as never[] },
      {
        provide: KAFKA,
        useFactory: (messaging: MessagingOptions) =>
          createKafka(messaging.brokers, messaging.clientId ?? messaging.consumerGroup ?? messaging.source),
        inject: [MESSAGING_OPTIONS],
      },
      ProducerService,
      OutboxPublisher,
      OutboxRelay,
      KafkaEventsServer,
      KafkaCheck,
      OutboxBacklogCheck,
      ConsumerLagCheck,
    ];
    return { module: MessagingModule, providers, exports: providers };
  }
}
