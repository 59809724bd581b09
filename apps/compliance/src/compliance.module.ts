import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { SubjectLookup } from './clients/subject-lookup';
import { complianceDatabase } from './compliance.database';
import { ComplianceEnv } from './compliance.env';
import { COMPLIANCE_CONSUMER_GROUP, DeletionRepliesConsumer } from './deletion/deletion-replies.consumer';
import { DeletionRequestsController } from './deletion/deletion-requests.controller';
import { DeletionRequestsService } from './deletion/deletion-requests.service';
import { StalledRequestsWatcher } from './deletion/stalled-requests.watcher';
import { RetentionRepliesConsumer } from './retention/retention-replies.consumer';
import { RetentionScheduler } from './retention/retention-scheduler';

@Module({
  imports: [
    EnvModule.forRoot(ComplianceEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: ComplianceEnv) => buildDataSourceOptions(complianceDatabase, env),
      inject: [ComplianceEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: ComplianceEnv) => ({
        source: 'compliance',
        brokers: env.KAFKA_BROKERS,
        consumerGroup: COMPLIANCE_CONSUMER_GROUP,
      }),
      inject: [ComplianceEnv],
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck, ConsumerLagCheck]),
  ],
  controllers: [DeletionRequestsController, DeletionRepliesConsumer, RetentionRepliesConsumer],
  providers: [SubjectLookup, DeletionRequestsService, StalledRequestsWatcher, RetentionScheduler],
})
export class ComplianceModule {}
