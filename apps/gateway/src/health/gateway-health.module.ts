import { DynamicModule } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { KafkaCheck } from '@rag/messaging';
import { HealthModule } from '@rag/observability';
import { Public } from '../access/access.decorator';
import { IdentityCheck } from '../upstream/identity.check';

/**
 * `/health/live`, `/health/ready` (Kafka and identity) and `/metrics` from the shared health
 * module, declared public here (probes and scrapers hold no key) and left out of the API docs.
 */
export function gatewayHealthModule(): DynamicModule {
  const module = HealthModule.forChecks([KafkaCheck, IdentityCheck]);
  for (const controller of module.controllers ?? []) {
    Public()(controller);
    ApiExcludeController()(controller);
  }
  return module;
}
