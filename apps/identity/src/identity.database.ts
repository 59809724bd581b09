import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { ApiKey } from './api-keys/api-key.entity';
import { CreateTenants1764000000001 } from './migrations/1764000000001-createTenants';
import { CreateSystemAdmins1764000000002 } from './migrations/1764000000002-createSystemAdmins';
import { CreateUsers1764000000003 } from './migrations/1764000000003-createUsers';
import { CreateApiKeys1764000000004 } from './migrations/1764000000004-createApiKeys';
import { CreateTenantQuotas1764000000005 } from './migrations/1764000000005-createTenantQuotas';
import { CreateUsageMetrics1764000000006 } from './migrations/1764000000006-createUsageMetrics';
import { TenantQuota } from './quotas/tenant-quota.entity';
import { SystemAdmin } from './system-admins/system-admin.entity';
import { Tenant } from './tenants/tenant.entity';
import { UsageMetric } from './usage/usage-metric.entity';
import { User } from './users/user.entity';

export const identityDatabase: AppDatabase = {
  app: 'identity',
  entities: [Tenant, User, ApiKey, SystemAdmin, TenantQuota, UsageMetric],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateTenants1764000000001,
    CreateSystemAdmins1764000000002,
    CreateUsers1764000000003,
    CreateApiKeys1764000000004,
    CreateTenantQuotas1764000000005,
    CreateUsageMetrics1764000000006,
  ],
};
