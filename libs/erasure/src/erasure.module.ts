import { DynamicModule, Module, Type } from '@nestjs/common';
import { ErasingApp } from '@rag/contracts';
import { DeletionRequestsConsumer } from './deletion-requests.consumer';
import { ERASING_APP, ERASURE_HANDLER, ErasureHandler } from './erasure-handler';

/** An app's part in GDPR erasure: its handler behind the shared `deletion.requested` consumer. */
@Module({})
export class ErasureModule {
  static forApp(app: ErasingApp, handler: Type<ErasureHandler>): DynamicModule {
    return {
      module: ErasureModule,
      controllers: [DeletionRequestsConsumer],
      providers: [handler, { provide: ERASURE_HANDLER, useExisting: handler }, { provide: ERASING_APP, useValue: app }],
    };
  }
}
