import { TenantScopedRepository } from '@rag/database';
import { TenantQuota } from './tenant-quota.entity';

export const tenantQuotas = new TenantScopedRepository(TenantQuota, 'tenantId');
