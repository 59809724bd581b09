import { Module } from '@nestjs/common';
import { ErasureModule } from '@rag/erasure';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { identityDatabase } from './identity.database';
import { IdentityEnv } from './identity.env';
import { IdentitySettingsModule } from './identity.settings';
import { QuotasModule } from './quotas/quotas.module';
import { SystemAdminsModule } from './system-admins/system-admins.module';
import { TenantsModule } from './tenants/tenants.module';
import { IDENTITY_CONSUMER_GROUP } from './usage/usage-meter';
import { UsageModule } from './usage/usage.module';
import { UsersModule } from './users/users.module';
import { IdentityErasure } from './erasure/identity-erasure';

@Module({
  imports: [
    EnvModule.forRoot(IdentityEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: IdentityEnv) => buildDataSourceOptions(identityDatabase, env),
      inject: [IdentityEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: IdentityEnv) => ({
        source: 'identity',
        brokers: env.KAFKA_BROKERS,
        consumerGroup: IDENTITY_CONSUMER_GROUP,
      }),
      inject: [IdentityEnv],
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck, ConsumerLagCheck]),
    ErasureModule.forApp('identity', IdentityErasure),
    IdentitySettingsModule,
    TenantsModule,
    QuotasModule,
    UsersModule,
    ApiKeysModule,
    SystemAdminsModule,
    UsageModule,
  ],
})
export class IdentityModule {}
