import { EventPattern, Payload } from '@nestjs/microservices';
import { ALL_DOMAIN_EVENTS, DomainEventBatch, EventConsumer } from '@rag/messaging';
import { AuditLogWriter } from './audit-log.writer';

/** Every event on every `*.events` topic becomes one audit row. */
@EventConsumer()
export class AuditEventsConsumer {
  constructor(private readonly writer: AuditLogWriter) {}

  @EventPattern(ALL_DOMAIN_EVENTS)
  async record(@Payload() batch: DomainEventBatch): Promise<void> {
    await this.writer.append(batch.events);
  }
}
