import { BeforeApplicationShutdown, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createEvent, SERVICE_ACTOR, UsageRecorded } from '@rag/contracts';
import { GatewayEventPublisher } from '../events/gateway-event.publisher';

const FLUSH_INTERVAL_MS = 1000;

/**
 * Counts authorised requests per tenant and publishes them as `usage.recorded` at most once a
 * second per tenant. While Kafka is failing, counts keep adding up here (one number per
 * tenant) instead of piling events into the publisher's buffer.
 */
@Injectable()
export class UsageMeter implements OnModuleDestroy, BeforeApplicationShutdown {
  private counts = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly publisher: GatewayEventPublisher) {
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  count(tenantId: string): void {
    this.counts.set(tenantId, (this.counts.get(tenantId) ?? 0) + 1);
  }

  /** Hands the counts to the publisher, one event per tenant, unless Kafka is failing. */
  flush(force = false): void {
    if (this.counts.size === 0 || (this.publisher.failing && !force)) return;
    const counts = this.counts;
    this.counts = new Map();
    for (const [tenantId, requests] of counts) {
      this.publisher.publish(
        createEvent(UsageRecorded, {
          tenantId,
          actor: SERVICE_ACTOR,
          resourceId: tenantId,
          data: { requests, tokens: 0, storageBytes: 0 },
        }),
      );
    }
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
    this.flush(true);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
