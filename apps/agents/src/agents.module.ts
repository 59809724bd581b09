import { Module } from '@nestjs/common';
import { ErasureModule } from '@rag/erasure';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { agentsDatabase } from './agents.database';
import { AgentsEnv } from './agents.env';
import { ChatClient } from './clients/chat.client';
import { IdentityClient } from './clients/identity.client';
import { IngestionClient } from './clients/ingestion.client';
import { LlmConfigService } from './llm-config/llm-config.service';
import { LlmCompletions } from './llm-config/llm-completions.service';
import { TenantModels } from './llm-config/tenant-models';
import { LlmController } from './llm.controller';
import { LlmProvidersService } from './providers/llm-providers.service';
import { AGENTS } from './runs/agent';
import { AgentRunStore } from './runs/agent-run-store';
import { AgentRunsController } from './runs/agent-runs.controller';
import { AgentRunsService } from './runs/agent-runs.service';
import { ChatMessageConsumer } from './runs/chat-message.consumer';
import { RagAnswerAgent } from './runs/rag-answer.agent';
import { RunExecutor } from './runs/run-executor';
import { RunScheduler } from './runs/run-scheduler';
import { SummarizeSessionAgent } from './runs/summarize-session.agent';
import { SummaryScheduler } from './runs/summary-scheduler';
import { AgentsErasure } from './erasure/agents-erasure';

export const AGENTS_CONSUMER_GROUP = 'agents';

@Module({
  imports: [
    EnvModule.forRoot(AgentsEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: AgentsEnv) => buildDataSourceOptions(agentsDatabase, env),
      inject: [AgentsEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: AgentsEnv) => ({
        source: 'agents',
        brokers: env.KAFKA_BROKERS,
        consumerGroup: AGENTS_CONSUMER_GROUP,
      }),
      inject: [AgentsEnv],
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck, ConsumerLagCheck]),
    ErasureModule.forApp('agents', AgentsErasure),
  ],
  controllers: [LlmController, AgentRunsController, ChatMessageConsumer],
  providers: [
    LlmProvidersService,
    LlmConfigService,
    TenantModels,
    LlmCompletions,
    ChatClient,
    IngestionClient,
    IdentityClient,
    AgentRunStore,
    AgentRunsService,
    RunExecutor,
    RunScheduler,
    SummaryScheduler,
    RagAnswerAgent,
    SummarizeSessionAgent,
    {
      provide: AGENTS,
      useFactory: (...agents: unknown[]) => agents,
      inject: [RagAnswerAgent, SummarizeSessionAgent],
    },
  ],
})
export class AgentsModule {}
