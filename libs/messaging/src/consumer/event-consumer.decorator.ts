import { applyDecorators, Controller, INestApplication, UseFilters } from '@nestjs/common';
import { KafkaEventsServer } from './kafka-events.server';
import { PassThroughEventErrors } from './pass-through-errors.filter';

/**
 * Marks a controller of `@EventPattern` handlers. Its handlers' errors reach the transport
 * intact (Nest's default RPC filter would replace them), so retries and dead letters carry
 * the real reason.
 */
export const EventConsumer = (): ClassDecorator => applyDecorators(Controller(), UseFilters(PassThroughEventErrors));

/** Runs the app's `@EventConsumer` controllers on Kafka; call before `app.listen()`. */
export async function startEventConsumers(app: INestApplication): Promise<void> {
  app.connectMicroservice({ strategy: app.get(KafkaEventsServer) }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}
