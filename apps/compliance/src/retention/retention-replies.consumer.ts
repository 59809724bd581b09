import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  RETAINING_APPS,
  RETENTION_COMPLETED,
  RetainingApp,
  RetentionCompletedData,
} from '@rag/contracts';
import { claimEvent, EventConsumer } from '@rag/messaging';
import { DataSource } from 'typeorm';

const RETENTION_REPLIES_GROUP = 'compliance-retention';

/** Each retaining app's counts go into the job's results; the job completes with the last one. */
@EventConsumer()
export class RetentionRepliesConsumer {
  constructor(private readonly dataSource: DataSource) {}

  @EventPattern(RETENTION_COMPLETED.chat.type)
  chat(@Payload() event: EventEnvelope<RetentionCompletedData>): Promise<void> {
    return this.record('chat', event);
  }

  @EventPattern(RETENTION_COMPLETED.agents.type)
  agents(@Payload() event: EventEnvelope<RetentionCompletedData>): Promise<void> {
    return this.record('agents', event);
  }

  @EventPattern(RETENTION_COMPLETED.evaluation.type)
  evaluation(@Payload() event: EventEnvelope<RetentionCompletedData>): Promise<void> {
    return this.record('evaluation', event);
  }

  private async record(app: RetainingApp, event: EventEnvelope<RetentionCompletedData>): Promise<void> {
    if (!event.tenantId || !event.resource.id) return;
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, RETENTION_REPLIES_GROUP, event.id))) return;
      await manager.query(
        `UPDATE data_retention_jobs
            SET results = results || jsonb_build_object($3::text, $4::jsonb),
                status = CASE WHEN (SELECT count(*) FROM jsonb_object_keys(results || jsonb_build_object($3::text, '{}'::jsonb)))
                                   >= $5 THEN 'completed' ELSE status END,
                executed_at = (now() AT TIME ZONE 'utc')
          WHERE tenant_id = $1 AND id = $2`,
        [event.tenantId, event.resource.id, app, JSON.stringify(event.data.counts), RETAINING_APPS.length],
      );
    });
  }
}
