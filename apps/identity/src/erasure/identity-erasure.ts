import { Injectable } from '@nestjs/common';
import { deleteCounted, ErasureCounts, ErasureHandler, ErasureSubject } from '@rag/erasure';
import { EntityManager } from 'typeorm';

/** The user row; or the tenant with its users, keys, quotas and usage. */
@Injectable()
export class IdentityErasure implements ErasureHandler {
  async eraseRows(manager: EntityManager, subject: ErasureSubject): Promise<ErasureCounts> {
    const { tenantId } = subject;
    if (subject.scope === 'user') {
      return {
        users: await deleteCounted(manager, `DELETE FROM users WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          subject.userId,
        ]),
      };
    }
    return {
      usage_metrics: await deleteCounted(manager, `DELETE FROM usage_metrics WHERE tenant_id = $1`, [tenantId]),
      api_keys: await deleteCounted(manager, `DELETE FROM api_keys WHERE tenant_id = $1`, [tenantId]),
      tenant_quotas: await deleteCounted(manager, `DELETE FROM tenant_quotas WHERE tenant_id = $1`, [tenantId]),
      users: await deleteCounted(manager, `DELETE FROM users WHERE tenant_id = $1`, [tenantId]),
      tenants: await deleteCounted(manager, `DELETE FROM tenants WHERE id = $1`, [tenantId]),
    };
  }
}
