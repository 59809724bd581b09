import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import {
  createKafka,
  KAFKA,
  KafkaCheck,
  KafkaEventsServer,
  MESSAGING_OPTIONS,
  MessagingOptions,
  ProducerService,
} from '@rag/messaging';
import { GatewayEnv } from '../gateway.env';
import { GatewayEventPublisher } from './gateway-event.publisher';

/**
 * One consumer group per gateway process: every instance must see every invalidation event,
 * and a fresh group starting at the newest offset skips history it has no cache for.
 */
export function instanceConsumerGroup(): string {
  const host = hostname()
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
  return `gateway-${host}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Kafka for the stateless gateway. MessagingModule also wires the outbox relay and its
 * database checks, which need a database the gateway does not have; this module takes only
 * the producer, the consumer transport and the broker check from @rag/messaging.
 */
@Global()
@Module({})
export class GatewayMessagingModule {
  static forRoot(): DynamicModule {
    const providers: Provider[] = [
      {
        provide: MESSAGING_OPTIONS,
        useFactory: (env: GatewayEnv): MessagingOptions => ({
          source: 'gateway',
          brokers: env.KAFKA_BROKERS,
          clientId: env.KAFKA_CLIENT_ID ?? 'gateway',
          outbox: false,
          consumerGroup: instanceConsumerGroup(),
          consumer: { fromBeginning: false },
        }),
        inject: [GatewayEnv],
      },
      {
        provide: KAFKA,
        useFactory: (options: MessagingOptions) => createKafka(options.brokers, options.clientId ?? options.source),
        inject: [MESSAGING_OPTIONS],
      },
      ProducerService,
      KafkaEventsServer,
      KafkaCheck,
      GatewayEventPublisher,
    ];
    return { module: GatewayMessagingModule, providers, exports: providers };
  }
}
