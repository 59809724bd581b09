import { EventPattern, Payload } from '@nestjs/microservices';
import { ChatMessageCreated, ChatMessageCreatedData, EventEnvelope, ragAnswerRunId } from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { AgentRunStore } from './agent-run-store';
import { RunScheduler } from './run-scheduler';

/**
 * A user's message starts a rag-answer run. The run id is derived from the message, so a
 * redelivered event finds the run already queued and changes nothing.
 */
@EventConsumer()
export class ChatMessageConsumer {
  constructor(
    private readonly store: AgentRunStore,
    private readonly scheduler: RunScheduler,
  ) {}

  @EventPattern(ChatMessageCreated.type)
  async created(@Payload() event: EventEnvelope<ChatMessageCreatedData>): Promise<void> {
    if (event.data.role !== 'user' || !event.tenantId || !event.resource.id) return;
    const queued = await this.store.enqueue({
      id: ragAnswerRunId(event.resource.id),
      tenantId: event.tenantId,
      sessionId: event.data.sessionId,
      agentType: 'rag-answer',
      metadata: {
        trigger: { messageId: event.resource.id, eventId: event.id },
        userId: event.actor.type === 'user' ? (event.actor.id ?? null) : null,
      },
    });
    if (queued) this.scheduler.poke();
  }
}
