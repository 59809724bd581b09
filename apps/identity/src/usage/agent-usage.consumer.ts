import { EventPattern, Payload } from '@nestjs/microservices';
import { AgentRunCompleted, AgentRunCompletedData, EventEnvelope } from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { UsageMeter } from './usage-meter';

/** The tokens of every answered run (the completion that answered; failed calls are not billed). */
@EventConsumer()
export class AgentUsageConsumer {
  constructor(private readonly meter: UsageMeter) {}

  @EventPattern(AgentRunCompleted.type)
  async completed(@Payload() event: EventEnvelope<AgentRunCompletedData>): Promise<void> {
    const tokens = event.data.inputTokens + event.data.outputTokens;
    await this.meter.record(event, { requests: 0, tokens, ingestions: 0, storageBytes: 0 });
  }
}
