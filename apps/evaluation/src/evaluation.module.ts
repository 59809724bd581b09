import { Module } from '@nestjs/common';
import { ErasureModule } from '@rag/erasure';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlobStoreModule } from '@rag/blob-store';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { PlatformClients } from './clients/platform.clients';
import { evaluationDatabase } from './evaluation.database';
import { EvaluationEnv } from './evaluation.env';
import { AnswerScorer } from './evaluations/answer-scorer';
import { TenantSettings } from './evaluations/tenant-settings';
import { CompletedRunsConsumer } from './live/completed-runs.consumer';
import { EvaluationReports } from './report-store/evaluation-reports';
import { EvaluationSetRunner } from './sets/evaluation-set-runner';
import { EvaluationSetsService } from './sets/evaluation-sets.service';
import { EvaluationsController } from './sets/evaluations.controller';
import { EvaluationErasure } from './erasure/evaluation-erasure';

export const EVALUATION_CONSUMER_GROUP = 'evaluation';

@Module({
  imports: [
    EnvModule.forRoot(EvaluationEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: EvaluationEnv) => buildDataSourceOptions(evaluationDatabase, env),
      inject: [EvaluationEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: EvaluationEnv) => ({
        source: 'evaluation',
        brokers: env.KAFKA_BROKERS,
        consumerGroup: EVALUATION_CONSUMER_GROUP,
      }),
      inject: [EvaluationEnv],
    }),
    BlobStoreModule.forRoot(EvaluationEnv),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck, ConsumerLagCheck]),
    ErasureModule.forApp('evaluation', EvaluationErasure),
  ],
  controllers: [EvaluationsController, CompletedRunsConsumer],
  providers: [
    PlatformClients,
    TenantSettings,
    AnswerScorer,
    EvaluationReports,
    EvaluationSetRunner,
    EvaluationSetsService,
  ],
})
export class EvaluationModule {}
