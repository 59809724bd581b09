import { DynamicModule, Module, Type } from '@nestjs/common';
import { ErasingApp } from '@rag/contracts';
import { DeletionRequestsConsumer } from './deletion-requests.consumer';
import { ERASING_APP, ERASURE_HANDLER, ErasureHandler } from './erasure-handler';
import { RetentionRequestsConsumer } from './retention-requests.consumer';

/** An app's part in GDPR erasure and retention: its handler behind the shared consumers. */
@Module({})
export class ErasureModule {
  static forApp(app: ErasingApp, handler: Type<ErasureHandler>): DynamicModule {
    return {
      module: ErasureModule,
      controllers: [DeletionRequestsConsumer, RetentionRequestsConsumer],
      providers: [handler, { provide: ERASURE_HANDLER, useExisting: handler }, { provide: ERASING_APP, useValue: app }],
    };
  }
}
