import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  ObjectDeleted,
  ObjectDeletedData,
  ObjectRegistered,
  ObjectRegisteredData,
} from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { UsageMeter } from './usage-meter';

/** Ingestion's registrations count as ingestions and stored bytes; deletions free the bytes. */
@EventConsumer()
export class IngestionUsageConsumer {
  constructor(private readonly meter: UsageMeter) {}

  @EventPattern(ObjectRegistered.type)
  async registered(@Payload() event: EventEnvelope<ObjectRegisteredData>): Promise<void> {
    await this.meter.record(event, { requests: 0, tokens: 0, ingestions: 1, storageBytes: event.data.sizeBytes });
  }

  @EventPattern(ObjectDeleted.type)
  async deleted(@Payload() event: EventEnvelope<ObjectDeletedData>): Promise<void> {
    await this.meter.record(event, { requests: 0, tokens: 0, ingestions: 0, storageBytes: -event.data.sizeBytes });
  }
}
