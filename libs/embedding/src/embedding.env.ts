import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { envBoolean, PlatformEnv, IsHttpUrl } from '@rag/config';

export const EMBEDDER_KINDS = ['feature-hashing', 'openai-compatible'] as const;
export type EmbedderKind = (typeof EMBEDDER_KINDS)[number];

/** The embedding variables, as read by `embedderConfigFromEnv`. */
export interface EmbeddingSettings {
  EMBEDDER: EmbedderKind;
  EMBEDDING_DIMENSIONS: number;
  EMBEDDING_BASE_URL?: string;
  EMBEDDING_MODEL?: string;
  EMBEDDING_API_KEY?: string;
  EMBEDDING_SEND_DIMENSIONS: boolean;
  EMBEDDING_BATCH_SIZE: number;
  EMBEDDING_TIMEOUT_MS: number;
}

const usesServer = (env: { EMBEDDER?: string }): boolean => env.EMBEDDER === 'openai-compatible';

// A mixin's base must be constructible with any arguments (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EnvClass = new (...args: any[]) => PlatformEnv;

/**
 * Adds the embedder variables to an app's env class, whatever it extends:
 * `class IngestionEnv extends withEmbeddingEnv(BlobStoreEnv) { ... }`.
 */
export function withEmbeddingEnv<TBase extends EnvClass>(Base: TBase) {
  class WithEmbeddingEnv extends Base implements EmbeddingSettings {
    @IsIn(EMBEDDER_KINDS)
    EMBEDDER: EmbedderKind = 'feature-hashing';

    /** Vector width: the feature-hashing width, or what the embedding model returns. */
    @IsInt()
    @Min(2)
    @Max(16_384)
    EMBEDDING_DIMENSIONS: number = 384;

    /** OpenAI-compatible API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). */
    @ValidateIf(usesServer)
    @IsHttpUrl()
    EMBEDDING_BASE_URL?: string;

    @ValidateIf(usesServer)
    @IsString()
    @MaxLength(200)
    EMBEDDING_MODEL?: string;

    @IsOptional()
    @IsString()
    EMBEDDING_API_KEY?: string;

    /** Ask the server for EMBEDDING_DIMENSIONS (OpenAI text-embedding-3 and Matryoshka models only). */
    @Transform(envBoolean)
    @IsBoolean({ message: 'EMBEDDING_SEND_DIMENSIONS must be true or false' })
    EMBEDDING_SEND_DIMENSIONS: boolean = false;

    @IsInt()
    @Min(1)
    @Max(2048)
    EMBEDDING_BATCH_SIZE: number = 64;

    @IsInt()
    @Min(100)
    @Max(600_000)
    EMBEDDING_TIMEOUT_MS: number = 30_000;
  }
  return WithEmbeddingEnv;
}

/** The platform variables and the embedder's, for an app that needs nothing else. */
export class EmbeddingEnv extends withEmbeddingEnv(PlatformEnv) {}
