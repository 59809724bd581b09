import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, UsageRecorded, UsageRecordedData } from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { UsageMeter } from './usage-meter';

/** The gateway's usage counts become usage_metrics rows. */
@EventConsumer()
export class UsageRecordedConsumer {
  constructor(private readonly meter: UsageMeter) {}

  @EventPattern(UsageRecorded.type)
  async record(@Payload() event: EventEnvelope<UsageRecordedData>): Promise<void> {
    const { requests, tokens, storageBytes } = event.data;
    await this.meter.record(event, { requests, tokens, ingestions: 0, storageBytes });
  }
}
