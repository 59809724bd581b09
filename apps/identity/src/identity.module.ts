import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadConfig } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { identityDatabase } from './identity.database';
import { IdentityEnv } from './identity.env';
import { TenantsModule } from './tenants/tenants.module';

export const IDENTITY_ENV = Symbol('IDENTITY_ENV');

@Module({
  imports: [
    TypeOrmModule.forRootAsync({ useFactory: () => buildDataSourceOptions(identityDatabase, loadConfig(IdentityEnv)) }),
    MessagingModule.forRootAsync({
      useFactory: () => ({ source: 'identity', brokers: loadConfig(IdentityEnv).KAFKA_BROKERS }),
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck]),
    TenantsModule,
  ],
})
export class IdentityModule {}
