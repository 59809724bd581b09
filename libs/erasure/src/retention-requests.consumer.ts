import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  createEvent,
  ErasingApp,
  EventEnvelope,
  RETAINING_APPS,
  RETENTION_COMPLETED,
  RetainingApp,
  RetentionRequested,
  RetentionRequestedData,
  SERVICE_ACTOR,
} from '@rag/contracts';
import { claimEvent, EventConsumer, OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { ERASING_APP, ERASURE_HANDLER, ErasureHandler } from './erasure-handler';

const RETENTION_CONSUMER_GROUP = 'retention';

/**
 * A retaining app's side of the daily retention job: deletes the tenant's records created before
 * the cutoff and replies `retention.completed.<app>` with the counts, in one transaction. Apps
 * that keep nothing subject to retention ignore the request.
 */
@EventConsumer()
export class RetentionRequestsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(ERASURE_HANDLER) private readonly handler: ErasureHandler,
    @Inject(ERASING_APP) private readonly app: ErasingApp,
  ) {}

  @EventPattern(RetentionRequested.type)
  async requested(@Payload() event: EventEnvelope<RetentionRequestedData>): Promise<void> {
    const app = this.app as RetainingApp;
    if (!event.tenantId || !RETAINING_APPS.includes(app) || !this.handler.eraseOlderThan) return;
    const tenantId = event.tenantId;
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, RETENTION_CONSUMER_GROUP, event.id))) return;
      const counts = await this.handler.eraseOlderThan!(manager, tenantId, new Date(event.data.cutoff));
      await this.outbox.publish(
        manager,
        createEvent(RETENTION_COMPLETED[app], {
          tenantId,
          actor: SERVICE_ACTOR,
          resourceId: event.resource.id,
          data: { counts },
        }),
      );
    });
  }
}
