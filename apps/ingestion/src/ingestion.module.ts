import { Module } from '@nestjs/common';
import { ErasureModule } from '@rag/erasure';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { EmbeddingRegistry } from './chunks/embedding-registry';
import { DataSourcesController } from './data-sources/data-sources.controller';
import { DataSourcesService } from './data-sources/data-sources.service';
import { ingestionDatabase } from './ingestion.database';
import { IngestionEnv } from './ingestion.env';
import { ObjectDeletionService } from './objects/object-deletion.service';
import { ObjectRegistrationService } from './objects/object-registration.service';
import { ObjectsController } from './objects/objects.controller';
import { ObjectsService } from './objects/objects.service';
import { UrlContent } from './objects/url-content';
import { ObjectClaims } from './pipeline/object-claims';
import { ObjectEventsConsumer } from './pipeline/object-events.consumer';
import { ObjectProcessor } from './pipeline/object-processor';
import { PipelineWorker } from './pipeline/pipeline.worker';
import { ReaperService } from './pipeline/reaper.service';
import { ReembeddingService } from './pipeline/reembedding.service';
import { IngestionQuotas } from './quotas/ingestion-quotas';
import { SearchController } from './search/search.controller';
import { KeywordRanking } from './search/keyword-ranking';
import { SearchService } from './search/search.service';
import { StoresModule } from './stores/stores.module';
import { IngestionErasure } from './erasure/ingestion-erasure';

export const INGESTION_CONSUMER_GROUP = 'ingestion';

@Module({
  imports: [
    EnvModule.forRoot(IngestionEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: IngestionEnv) => buildDataSourceOptions(ingestionDatabase, env),
      inject: [IngestionEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: IngestionEnv) => ({
        source: 'ingestion',
        brokers: env.KAFKA_BROKERS,
        consumerGroup: INGESTION_CONSUMER_GROUP,
      }),
      inject: [IngestionEnv],
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck, ConsumerLagCheck]),
    ErasureModule.forApp('ingestion', IngestionErasure),
    StoresModule,
  ],
  controllers: [DataSourcesController, ObjectsController, SearchController, ObjectEventsConsumer],
  providers: [
    DataSourcesService,
    ObjectRegistrationService,
    ObjectDeletionService,
    ObjectsService,
    UrlContent,
    IngestionQuotas,
    EmbeddingRegistry,
    ObjectClaims,
    ObjectProcessor,
    PipelineWorker,
    ReaperService,
    ReembeddingService,
    SearchService,
    KeywordRanking,
  ],
})
export class IngestionModule {}
