import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { agentsDatabase } from './agents.database';
import { AgentsEnv } from './agents.env';
import { LlmConfigService } from './llm-config/llm-config.service';
import { LlmController } from './llm.controller';
import { LlmProvidersService } from './providers/llm-providers.service';

@Module({
  imports: [
    EnvModule.forRoot(AgentsEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: AgentsEnv) => buildDataSourceOptions(agentsDatabase, env),
      inject: [AgentsEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: AgentsEnv) => ({ source: 'agents', brokers: env.KAFKA_BROKERS }),
      inject: [AgentsEnv],
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck]),
  ],
  controllers: [LlmController],
  providers: [LlmProvidersService, LlmConfigService],
})
export class AgentsModule {}
