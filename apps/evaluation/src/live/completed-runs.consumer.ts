import { EventPattern, Payload } from '@nestjs/microservices';
import { AgentRunCompleted, AgentRunCompletedData, EventEnvelope } from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { AnswerScorer } from '../evaluations/answer-scorer';
import { isSampled, TenantSettings } from '../evaluations/tenant-settings';

/**
 * Live evaluation: each answered chat turn is scored with the probability its tenant set
 * (`evaluationSampleRate`). Turns asked by an evaluation set are scored by the set itself.
 */
@EventConsumer()
export class CompletedRunsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettings,
    private readonly scorer: AnswerScorer,
  ) {}

  @EventPattern(AgentRunCompleted.type)
  async completed(@Payload() event: EventEnvelope<AgentRunCompletedData>): Promise<void> {
    const { agentType, sessionId, userMessageId, replyMessageId } = event.data;
    const runId = event.resource.id;
    if (agentType !== 'rag-answer' || !event.tenantId || !runId || !userMessageId || !replyMessageId) return;
    const { sampleRate, judge } = await this.settings.of(event.tenantId);
    if (!isSampled(runId, sampleRate) || (await this.askedBySet(event.tenantId, sessionId))) return;
    await this.scorer.score({ tenantId: event.tenantId, sessionId, runId, userMessageId, replyMessageId, judge });
  }

  private async askedBySet(tenantId: string, sessionId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM evaluation_set_items WHERE tenant_id = $1 AND session_id = $2 LIMIT 1`,
      [tenantId, sessionId],
    )) as unknown[];
    return rows.length > 0;
  }
}
