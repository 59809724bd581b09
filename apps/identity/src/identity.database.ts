import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { CreateTenants1764000000001 } from './migrations/1764000000001-createTenants';
import { Tenant } from './tenants/tenant.entity';

export const identityDatabase: AppDatabase = {
  app: 'identity',
  entities: [Tenant],
  migrations: [CreateMessagingTables1764000000000, CreateTenants1764000000001],
};
