import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ApiKeyRevoked,
  EventEnvelope,
  TenantDeleted,
  TenantQuotaUpdated,
  TenantSuspended,
  UserDeleted,
  UserUpdated,
} from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { CacheInvalidation } from '../cache/cache-invalidation';

/**
 * Keeps this instance's caches honest: identity's events drop what they make stale. Each
 * gateway process has its own consumer group (see gateway-messaging.module.ts), so every
 * instance sees every event.
 */
@EventConsumer()
export class IdentityEventsConsumer {
  constructor(private readonly invalidate: CacheInvalidation) {}

  @EventPattern(ApiKeyRevoked.type)
  keyRevoked(@Payload() event: EventEnvelope): void {
    this.invalidate.apiKey(event.resource.id);
  }

  @EventPattern(TenantSuspended.type)
  tenantSuspended(@Payload() event: EventEnvelope): void {
    this.invalidate.tenant(event.resource.id);
  }

  @EventPattern(TenantDeleted.type)
  tenantDeleted(@Payload() event: EventEnvelope): void {
    this.invalidate.tenant(event.resource.id);
  }

  @EventPattern(UserUpdated.type)
  userUpdated(@Payload() event: EventEnvelope): void {
    this.invalidate.user(event.resource.id);
  }

  @EventPattern(UserDeleted.type)
  userDeleted(@Payload() event: EventEnvelope): void {
    this.invalidate.user(event.resource.id);
  }

  @EventPattern(TenantQuotaUpdated.type)
  quotasChanged(@Payload() event: EventEnvelope): void {
    this.invalidate.quotas(event.resource.id);
  }
}
