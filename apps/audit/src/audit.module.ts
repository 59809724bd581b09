import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { AuditLogsModule } from './audit-logs/audit-logs.module';
import { auditDatabase } from './audit.database';
import { AuditEnv } from './audit.env';
import { AUDIT_SETTINGS, AuditSettings } from './audit.settings';
import { AuditPartitionUpkeep } from './partitions/partition-upkeep.service';

@Module({
  imports: [
    EnvModule.forRoot(AuditEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: AuditEnv) => buildDataSourceOptions(auditDatabase, env),
      inject: [AuditEnv],
    }),
    MessagingModule.forRootAsync({
      inject: [AuditEnv],
      useFactory: (env: AuditEnv) => ({
        source: 'audit',
        brokers: env.KAFKA_BROKERS,
        consumerGroup: 'audit',
        outbox: false,
      }),
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, ConsumerLagCheck]),
    AuditLogsModule,
  ],
  providers: [
    AuditPartitionUpkeep,
    {
      provide: AUDIT_SETTINGS,
      useFactory: (env: AuditEnv): AuditSettings => ({
        partitionMonthsAhead: env.AUDIT_PARTITION_MONTHS_AHEAD,
        retentionDays: env.AUDIT_RETENTION_DAYS,
      }),
      inject: [AuditEnv],
    },
  ],
})
export class AuditModule {}
