import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { DeletionRequestApp } from './deletion/deletion-request-app.entity';
import { DeletionRequest } from './deletion/deletion-request.entity';
import { CreateComplianceTables1764000000601 } from './migrations/1764000000601-createComplianceTables';
import { AddRetentionResults1764000000602 } from './migrations/1764000000602-addRetentionResults';

export const complianceDatabase: AppDatabase = {
  app: 'compliance',
  entities: [DeletionRequest, DeletionRequestApp],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateComplianceTables1764000000601,
    AddRetentionResults1764000000602,
  ],
};
