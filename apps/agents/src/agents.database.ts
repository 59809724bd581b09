import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { TenantLlmConfig } from './llm-config/tenant-llm-config.entity';
import { CreateAgentTables1764000000401 } from './migrations/1764000000401-createAgentTables';
import { ScheduleAgentRuns1764000000402 } from './migrations/1764000000402-scheduleAgentRuns';
import { LlmProviderRow } from './providers/llm-provider.entity';
import { AgentFailure } from './runs/agent-failure.entity';
import { AgentRun } from './runs/agent-run.entity';

export const agentsDatabase: AppDatabase = {
  app: 'agents',
  entities: [LlmProviderRow, TenantLlmConfig, AgentRun, AgentFailure],
  migrations: [CreateMessagingTables1764000000000, CreateAgentTables1764000000401, ScheduleAgentRuns1764000000402],
};
