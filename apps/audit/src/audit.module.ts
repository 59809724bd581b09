import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadConfig } from '@rag/config';
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
    TypeOrmModule.forRootAsync({ useFactory: () => buildDataSourceOptions(auditDatabase, loadConfig(AuditEnv)) }),
    MessagingModule.forRootAsync({
      useFactory: () => ({
        source: 'audit',
        brokers: loadConfig(AuditEnv).KAFKA_BROKERS,
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
      useFactory: (): AuditSettings => ({ partitionMonthsAhead: loadConfig(AuditEnv).AUDIT_PARTITION_MONTHS_AHEAD }),
    },
  ],
})
export class AuditModule {}
