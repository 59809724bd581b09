import { Injectable, Logger } from '@nestjs/common';
import { counter } from '@rag/observability';
import { EntityManager } from 'typeorm';
import { IngestionEnv } from '../ingestion.env';
import { QuotaExceededApiError } from '../objects/object.errors';

interface QuotaLimits {
  maxIngestionsPerDay: number;
  maxStorageBytes: number;
}

const limitsUnavailable = counter(
  'ingestion_quota_limits_unavailable_total',
  'Registrations let through because identity could not say the quota limits',
);

/**
 * max_ingestions_day and max_storage_bytes, checked exactly at registration: the limits are
 * identity's, the usage is counted here in ingested_objects (this app owns it), under a
 * per-tenant lock so two registrations cannot both take the last unit.
 */
@Injectable()
export class IngestionQuotas {
  private readonly logger = new Logger(IngestionQuotas.name);

  constructor(private readonly env: IngestionEnv) {}

  /** Must run inside the registering transaction. */
  async check(manager: EntityManager, tenantId: string, sizeBytes: number): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`ingestion-quota:${tenantId}`]);
    const limits = await this.limits(tenantId);
    if (!limits) return;
    const [usage] = (await manager.query(
      `SELECT
         count(*) FILTER (WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'utc'))::int AS today,
         COALESCE(sum(size_bytes) FILTER (WHERE ingestion_status <> 'deleted'), 0)::bigint AS stored
       FROM ingested_objects WHERE tenant_id = $1`,
      [tenantId],
    )) as { today: number; stored: string }[];
    if (usage.today >= limits.maxIngestionsPerDay) {
      throw new QuotaExceededApiError('ingestions', usage.today, limits.maxIngestionsPerDay);
    }
    const stored = Number(usage.stored);
    if (stored + sizeBytes > limits.maxStorageBytes) {
      throw new QuotaExceededApiError('storage', stored, limits.maxStorageBytes);
    }
  }

  /**
   * undefined when identity cannot answer: the registration goes through, as the gateway does
   * for quotas (a commercial limit, not a security boundary).
   */
  private async limits(tenantId: string): Promise<QuotaLimits | undefined> {
    try {
      const response = await fetch(new URL('/quota-status', this.env.IDENTITY_URL), {
        headers: { 'x-tenant-id': tenantId },
        signal: AbortSignal.timeout(this.env.IDENTITY_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`identity answered ${response.status}`);
      const body = (await response.json()) as { ingestions?: { limit?: unknown }; storage?: { limit?: unknown } };
      const maxIngestionsPerDay = body.ingestions?.limit;
      const maxStorageBytes = body.storage?.limit;
      if (typeof maxIngestionsPerDay !== 'number' || typeof maxStorageBytes !== 'number') {
        throw new Error('identity answered without limits');
      }
      return { maxIngestionsPerDay, maxStorageBytes };
    } catch (error) {
      limitsUnavailable.inc();
      this.logger.warn(`quota limits of tenant ${tenantId} unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }
}
