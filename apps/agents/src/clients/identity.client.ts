import { Injectable, Logger } from '@nestjs/common';
import { QuotaStatusView } from '@rag/api';
import { ServiceClient } from '@rag/http';
import { counter } from '@rag/observability';
import { AgentsEnv } from '../agents.env';

const statusUnavailable = counter(
  'agents_quota_status_unavailable_total',
  'Runs let through because identity could not say the quota status',
);

/** Identity's quota status: whether the tenant's daily tokens are used up. */
@Injectable()
export class IdentityClient {
  private readonly logger = new Logger(IdentityClient.name);

  private readonly identity: ServiceClient;

  constructor(env: AgentsEnv) {
    this.identity = new ServiceClient('identity', env.IDENTITY_URL, env.SERVICE_TIMEOUT_MS);
  }

  /**
   * false when identity cannot answer: the run goes on, as the gateway does (quotas are a
   * commercial limit; an identity hiccup must not stop every answer).
   */
  async tokensExhausted(tenantId: string, signal?: AbortSignal): Promise<boolean> {
    try {
      const status = await this.identity.call<QuotaStatusView>(tenantId, {
        method: 'GET',
        path: '/quota-status',
        signal,
      });
      return status.exceeded.includes('tokens');
    } catch (error) {
      if (signal?.aborted) throw error;
      statusUnavailable.inc();
      this.logger.warn(`quota status of tenant ${tenantId} unavailable: ${(error as Error).message}`);
      return false;
    }
  }
}
