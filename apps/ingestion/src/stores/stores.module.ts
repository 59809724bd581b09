import { isAbsolute, resolve } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { BlobStoreModule, REPO_ROOT } from '@rag/blob-store';
import { createEmbedder, Embedder, embedderConfigFromEnv } from '@rag/embedding';
import { IngestionEnv } from '../ingestion.env';
import { VectorIndex } from '../vector-index/vector-index';
import { EMBEDDER } from './tokens';

function vectorStoreUri(uri: string): string {
  return uri.includes('://') || isAbsolute(uri) ? uri : resolve(REPO_ROOT, uri);
}

/** Where ingestion keeps what is not rows: blobs, the embedder, the vector index. */
@Global()
@Module({
  imports: [BlobStoreModule.forRoot(IngestionEnv)],
  providers: [
    {
      provide: EMBEDDER,
      useFactory: (env: IngestionEnv) => createEmbedder(embedderConfigFromEnv(env)),
      inject: [IngestionEnv],
    },
    {
      provide: VectorIndex,
      useFactory: (env: IngestionEnv, embedder: Embedder) =>
        new VectorIndex({
          uri: vectorStoreUri(env.VECTOR_STORE_URI),
          dimensions: embedder.dimensions,
          annMinRows: env.VECTOR_ANN_MIN_ROWS,
          compactAtFragments: env.VECTOR_COMPACT_FRAGMENTS,
          model: embedder.model,
        }),
      inject: [IngestionEnv, EMBEDDER],
    },
  ],
  exports: [EMBEDDER, VectorIndex],
})
export class StoresModule {}
