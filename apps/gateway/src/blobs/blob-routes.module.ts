import { DynamicModule, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BlobServingModule, BlobStoreModule } from '@rag/blob-store';
import { Public } from '../access/access.decorator';
import { GatewayEnv } from '../gateway.env';

/**
 * `GET /v1/blobs/<key>?expires=&signature=`: the local blob store's signed URLs (chunk texts,
 * originals, reports). Public: the signature is the credential.
 */
@Module({})
export class BlobRoutesModule {
  static forRoot(): DynamicModule {
    const serving = BlobServingModule.forRoot({ path: 'v1/blobs' });
    for (const controller of serving.controllers ?? []) {
      Public()(controller);
      // Clients follow the signed URLs the API hands out; the route is no API operation of its own.
      ApiExcludeController()(controller);
    }
    return { module: BlobRoutesModule, imports: [BlobStoreModule.forRoot(GatewayEnv), serving] };
  }
}
