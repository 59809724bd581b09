import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantView } from '@rag/api';
import { createEvent, RetentionRequested, SERVICE_ACTOR } from '@rag/contracts';
import { ALL_TENANTS_SCOPE, Page, ServiceClient } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { ComplianceEnv } from '../compliance.env';

const DAY_MS = 24 * 3600_000;
const PAGE = 500;

/**
 * Schedules each active tenant's retention job for the day (`tenants.retention_days`): the first
 * sweep of a UTC day inserts the job, exactly one per tenant per day whatever the number of
 * compliance replicas (a unique index), and publishes `retention.requested` with the cutoff.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private readonly identity: ServiceClient;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly env: ComplianceEnv,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {
    this.identity = new ServiceClient('identity', env.IDENTITY_URL, env.SERVICE_TIMEOUT_MS);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.env.RETENTION_SWEEP_MS);
    void this.sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Answers how many jobs it scheduled. */
  async sweep(now = new Date()): Promise<number> {
    let scheduled = 0;
    try {
      for await (const tenant of this.activeTenants()) {
        if (await this.schedule(tenant, now)) scheduled++;
      }
    } catch (error) {
      this.logger.warn(`scheduling retention jobs failed: ${(error as Error).message}`);
    }
    return scheduled;
  }

  private async schedule(tenant: TenantView, now: Date): Promise<boolean> {
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const cutoff = new Date(now.getTime() - tenant.retentionDays * DAY_MS);
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      const inserted = (await manager.query(
        `INSERT INTO data_retention_jobs (id, tenant_id, scheduled_at, status) VALUES ($1, $2, $3, 'running')
         ON CONFLICT DO NOTHING RETURNING id`,
        [id, tenant.id, day],
      )) as unknown[];
      if (inserted.length === 0) return false;
      await this.outbox.publish(
        manager,
        createEvent(RetentionRequested, {
          tenantId: tenant.id,
          actor: SERVICE_ACTOR,
          resourceId: id,
          data: { cutoff: cutoff.toISOString(), retentionDays: tenant.retentionDays },
        }),
      );
      return true;
    });
  }

  private async *activeTenants(): AsyncGenerator<TenantView> {
    let cursor: string | null = null;
    do {
      const page: Page<TenantView> = await this.identity.call(ALL_TENANTS_SCOPE, {
        method: 'GET',
        path: '/tenants',
        query: { status: 'active', limit: PAGE, cursor: cursor ?? undefined },
      });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }
}
