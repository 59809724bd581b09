import { EventPattern, Payload } from '@nestjs/microservices';
import {
  AgentRunCompleted,
  AgentRunCompletedData,
  EventEnvelope,
  LlmCompletionUsed,
  LlmCompletionUsedData,
} from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { UsageMeter } from './usage-meter';

/** The tokens of every answered run (the completion that answered; failed calls are not billed). */
@EventConsumer()
export class AgentUsageConsumer {
  constructor(private readonly meter: UsageMeter) {}

  @EventPattern(AgentRunCompleted.type)
  async completed(@Payload() event: EventEnvelope<AgentRunCompletedData>): Promise<void> {
    await this.meterTokens(event, event.data);
  }

  /** Completions for other services (the evaluation app's LLM judge) spend the tenant's tokens too. */
  @EventPattern(LlmCompletionUsed.type)
  async used(@Payload() event: EventEnvelope<LlmCompletionUsedData>): Promise<void> {
    await this.meterTokens(event, event.data);
  }

  private async meterTokens(event: EventEnvelope<object>, usage: { inputTokens: number; outputTokens: number }) {
    const tokens = usage.inputTokens + usage.outputTokens;
    await this.meter.record(event, { requests: 0, tokens, ingestions: 0, storageBytes: 0 });
  }
}
