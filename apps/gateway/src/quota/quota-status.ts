import { Injectable, Logger } from '@nestjs/common';
import { QUOTA_NAMES, QuotaName } from '@rag/api';
import { counter } from '@rag/observability';
import { cacheTag } from '../cache/cache-tags';
import { SingleFlight } from '../cache/single-flight';
import { TaggedTtlCache } from '../cache/tagged-ttl-cache';
import { GatewayEnv } from '../gateway.env';
import { UpstreamClient } from '../upstream/upstream.client';

const MAX_TENANTS = 100_000;

const unknownStatus = counter(
  'gateway_quota_status_unavailable_total',
  'Quota checks let through because identity could not say the quota status',
);

/** The part of identity's `GET /quota-status` that the gateway acts on. */
export interface QuotaStatus {
  exceeded: QuotaName[];
}

function readQuotaStatus(body: unknown): QuotaStatus | undefined {
  const exceeded = (body as { exceeded?: unknown } | undefined)?.exceeded;
  if (!Array.isArray(exceeded)) return undefined;
  return { exceeded: exceeded.filter((name): name is QuotaName => (QUOTA_NAMES as readonly unknown[]).includes(name)) };
}

/**
 * Today's quota status per tenant, asked of identity and reused for QUOTA_CACHE_TTL_MS (usage
 * is metered asynchronously anyway, so a few seconds of staleness add little). Dropped when
 * the tenant's quotas change.
 */
@Injectable()
export class QuotaStatuses {
  private readonly logger = new Logger(QuotaStatuses.name);
  private readonly cache = new TaggedTtlCache<QuotaStatus>(MAX_TENANTS);
  private readonly flights = new SingleFlight<QuotaStatus | undefined>();
  private readonly ttlMs: number;

  constructor(
    private readonly upstream: UpstreamClient,
    env: GatewayEnv,
  ) {
    this.ttlMs = env.QUOTA_CACHE_TTL_MS;
  }

  /**
   * undefined when identity cannot answer: the caller lets the request through (quotas are a
   * commercial limit, not a security boundary; refusing would turn an identity hiccup into an
   * outage of ingestion and chat).
   */
  async of(tenantId: string, headers: Record<string, string> = {}): Promise<QuotaStatus | undefined> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    return this.flights.run(tenantId, async () => {
      const generation = this.cache.generation;
      try {
        const response = await this.upstream.call('identity', {
          method: 'GET',
          path: '/quota-status',
          headers: { ...headers, 'x-tenant-id': tenantId },
        });
        const status = response.status === 200 ? readQuotaStatus(response.body) : undefined;
        if (!status) throw new Error(`identity answered ${response.status}`);
        this.cache.set(tenantId, status, this.ttlMs, [cacheTag.tenant(tenantId)], generation);
        return status;
      } catch (error) {
        unknownStatus.inc();
        this.logger.warn(`quota status of tenant ${tenantId} unavailable: ${(error as Error).message}`);
        return undefined;
      }
    });
  }

  drop(tenantId: string): void {
    this.cache.invalidate(cacheTag.tenant(tenantId));
  }
}
