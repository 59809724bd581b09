import { Embedder } from './embedder';
import { EmbeddingSettings } from './embedding.env';
import { FeatureHashingEmbedder } from './feature-hashing.embedder';
import { OpenAiCompatibleEmbedder, OpenAiCompatibleOptions } from './openai-compatible.embedder';

export type EmbedderConfig =
  { kind: 'feature-hashing'; dimensions?: number } | ({ kind: 'openai-compatible' } & OpenAiCompatibleOptions);

export function createEmbedder(config: EmbedderConfig): Embedder {
  switch (config.kind) {
    case 'feature-hashing':
      return new FeatureHashingEmbedder(config.dimensions);
    case 'openai-compatible':
      return new OpenAiCompatibleEmbedder(config);
  }
}

/** The embedder an app's validated environment selects. */
export function embedderConfigFromEnv(env: EmbeddingSettings): EmbedderConfig {
  switch (env.EMBEDDER) {
    case 'feature-hashing':
      return { kind: 'feature-hashing', dimensions: env.EMBEDDING_DIMENSIONS };
    case 'openai-compatible':
      return {
        kind: 'openai-compatible',
        baseUrl: env.EMBEDDING_BASE_URL as string,
        model: env.EMBEDDING_MODEL as string,
        dimensions: env.EMBEDDING_DIMENSIONS,
        apiKey: env.EMBEDDING_API_KEY,
        sendDimensions: env.EMBEDDING_SEND_DIMENSIONS,
        batchSize: env.EMBEDDING_BATCH_SIZE,
        timeoutMs: env.EMBEDDING_TIMEOUT_MS,
      };
  }
}
