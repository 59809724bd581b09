import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  createEvent,
  DELETION_COMPLETED,
  DeletionRequested,
  DeletionRequestedData,
  ErasingApp,
  EventEnvelope,
  SERVICE_ACTOR,
} from '@rag/contracts';
import { claimEvent, EventConsumer, OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { deleteCounted, ERASING_APP, ERASURE_HANDLER, ErasureHandler } from './erasure-handler';

const ERASURE_CONSUMER_GROUP = 'erasure';

/**
 * An app's side of the erasure saga: on `deletion.requested` it erases what it holds for the
 * subject (outside stores first, then the rows) and replies `deletion.completed.<app>` with the
 * counts, the reply committed with the row deletes. Every delivery of a request (a retry after a
 * stall is a new event) erases again and replies again; the second time there is nothing to count.
 */
@EventConsumer()
export class DeletionRequestsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(ERASURE_HANDLER) private readonly handler: ErasureHandler,
    @Inject(ERASING_APP) private readonly app: ErasingApp,
  ) {}

  @EventPattern(DeletionRequested.type)
  async requested(@Payload() event: EventEnvelope<DeletionRequestedData>): Promise<void> {
    if (!event.tenantId) return;
    const subject = {
      tenantId: event.tenantId,
      scope: event.data.scope,
      userId: event.data.userId ?? null,
      sessionIds: event.data.sessionIds,
    };
    if (subject.scope === 'user' && !subject.userId) return;
    const outside = (await this.handler.eraseOutsideDatabase?.(subject)) ?? {};
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, ERASURE_CONSUMER_GROUP, event.id))) return;
      const rows = await this.handler.eraseRows(manager, subject);
      if (subject.scope === 'tenant') {
        // Events already sent (ids only, kept a while for the relay's bookkeeping) go too; those
        // not yet sent, this reply among them, are published first and cleaned up later.
        rows.outbox_events = await deleteCounted(
          manager,
          `DELETE FROM outbox_events WHERE tenant_id = $1 AND sent_at IS NOT NULL`,
          [subject.tenantId],
        );
      }
      await this.outbox.publish(
        manager,
        createEvent(DELETION_COMPLETED[this.app], {
          tenantId: subject.tenantId,
          actor: SERVICE_ACTOR,
          resourceId: event.resource.id,
          data: { scope: subject.scope, counts: { ...outside, ...rows } },
        }),
      );
    });
  }
}
