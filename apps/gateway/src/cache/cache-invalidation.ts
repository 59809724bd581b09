import { Injectable } from '@nestjs/common';
import { counter } from '@rag/observability';
import { ActingUsers } from '../access/acting-users';
import { KeyVerifier } from '../auth/key-verifier';
import { QuotaStatuses } from '../quota/quota-status';

const invalidations = counter('gateway_cache_invalidations_total', 'Cache drops by what changed', ['what']);

/**
 * Drops what the gateway caches about a key, user or tenant. Called by the identity events
 * consumer (every instance, within about a second) and, for changes made through this
 * instance, right after the service confirmed them.
 */
@Injectable()
export class CacheInvalidation {
  constructor(
    private readonly keys: KeyVerifier,
    private readonly users: ActingUsers,
    private readonly quotaStatuses: QuotaStatuses,
  ) {}

  apiKey(keyId: string): void {
    invalidations.inc({ what: 'api_key' });
    this.keys.dropKey(keyId);
  }

  tenant(tenantId: string): void {
    invalidations.inc({ what: 'tenant' });
    this.keys.dropTenant(tenantId);
    this.users.dropTenant(tenantId);
    this.quotaStatuses.drop(tenantId);
  }

  user(userId: string): void {
    invalidations.inc({ what: 'user' });
    this.users.dropUser(userId);
  }

  quotas(tenantId: string): void {
    invalidations.inc({ what: 'quotas' });
    this.quotaStatuses.drop(tenantId);
  }
}
