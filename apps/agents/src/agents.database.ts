import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { TenantLlmConfig } from './llm-config/tenant-llm-config.entity';
import { CreateAgentTables1764000000401 } from './migrations/1764000000401-createAgentTables';
import { LlmProviderRow } from './providers/llm-provider.entity';

export const agentsDatabase: AppDatabase = {
  app: 'agents',
  entities: [LlmProviderRow, TenantLlmConfig],
  migrations: [CreateMessagingTables1764000000000, CreateAgentTables1764000000401],
};
