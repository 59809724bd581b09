import { AppDatabase } from '@rag/database';
import { AuditLog } from './audit-logs/audit-log.entity';
import { CreateAuditLogs1764000000101 } from './migrations/1764000000101-createAuditLogs';

export const auditDatabase: AppDatabase = {
  app: 'audit',
  entities: [AuditLog],
  migrations: [CreateAuditLogs1764000000101],
};
