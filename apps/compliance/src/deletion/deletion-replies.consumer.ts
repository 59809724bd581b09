import { EventPattern, Payload } from '@nestjs/microservices';
import {
  createEvent,
  DELETION_COMPLETED,
  DeletionCompletedData,
  DeletionRequestCompleted,
  ErasingApp,
  EventEnvelope,
  SERVICE_ACTOR,
} from '@rag/contracts';
import { tenantScope } from '@rag/database';
import { claimEvent, EventConsumer, OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { deletionProgress, deletionRequests } from './deletion-requests.service';

export const COMPLIANCE_CONSUMER_GROUP = 'compliance';

/**
 * Each app's `deletion.completed.<app>` marks its part done with its counts; the request
 * completes when the last app has replied (a stalled request too).
 */
@EventConsumer()
export class DeletionRepliesConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  @EventPattern(DELETION_COMPLETED.identity.type)
  identity(@Payload() event: EventEnvelope<DeletionCompletedData>): Promise<void> {
    return this.record('identity', event);
  }

  @EventPattern(DELETION_COMPLETED.ingestion.type)
  ingestion(@Payload() event: EventEnvelope<DeletionCompletedData>): Promise<void> {
    return this.record('ingestion', event);
  }

  @EventPattern(DELETION_COMPLETED.chat.type)
  chat(@Payload() event: EventEnvelope<DeletionCompletedData>): Promise<void> {
    return this.record('chat', event);
  }

  @EventPattern(DELETION_COMPLETED.agents.type)
  agents(@Payload() event: EventEnvelope<DeletionCompletedData>): Promise<void> {
    return this.record('agents', event);
  }

  @EventPattern(DELETION_COMPLETED.evaluation.type)
  evaluation(@Payload() event: EventEnvelope<DeletionCompletedData>): Promise<void> {
    return this.record('evaluation', event);
  }

  private async record(app: ErasingApp, event: EventEnvelope<DeletionCompletedData>): Promise<void> {
    if (!event.tenantId || !event.resource.id) return;
    const scope = tenantScope(event.tenantId);
    const requestId = event.resource.id;
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, COMPLIANCE_CONSUMER_GROUP, event.id))) return;
      const request = await deletionRequests.findOneForUpdate(manager, scope, { id: requestId });
      if (!request) return;
      // A retried request's second reply finds nothing left: the first reply's counts stay.
      await deletionProgress.update(
        manager,
        scope,
        { deletionRequestId: requestId, app, status: 'pending' },
        { status: 'completed', counts: event.data.counts, completedAt: new Date() },
      );
      if (request.status === 'completed') return;
      const pending = await deletionProgress
        .query(manager, scope, 'p')
        .andWhere('p.deletionRequestId = :requestId', { requestId })
        .andWhere("p.status = 'pending'")
        .getCount();
      if (pending > 0) return;
      await deletionRequests.update(
        manager,
        scope,
        { id: requestId },
        { status: 'completed', completedAt: new Date() },
      );
      await this.outbox.publish(
        manager,
        createEvent(DeletionRequestCompleted, {
          tenantId: request.tenantId,
          actor: SERVICE_ACTOR,
          resourceId: requestId,
          data: { scope: request.scope, attempt: request.attempts },
        }),
      );
    });
  }
}
