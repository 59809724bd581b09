import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { splitList, IsHttpUrl } from '@rag/config';
import { BlobStoreEnv } from '@rag/blob-store';
import { withEmbeddingEnv } from '@rag/embedding';

const MIB = 1024 * 1024;

export class IngestionEnv extends withEmbeddingEnv(BlobStoreEnv) {
  @IsInt()
  @Min(1)
  @Max(65535)
  INGESTION_PORT: number = 3102;

  /** Identity's internal API: the quota limits checked at registration. */
  @IsHttpUrl()
  IDENTITY_URL = 'http://127.0.0.1:3101';

  @IsInt()
  @Min(100)
  @Max(60_000)
  IDENTITY_TIMEOUT_MS: number = 3000;

  /** Largest object accepted, by upload or URL. */
  @IsInt()
  @Min(1)
  @Max(1024 * MIB)
  MAX_OBJECT_BYTES: number = 50 * MIB;

  @IsInt()
  @Min(100)
  @Max(300_000)
  FETCH_TIMEOUT_MS: number = 20_000;

  @IsInt()
  @Min(0)
  @Max(10)
  FETCH_MAX_REDIRECTS: number = 3;

  /** host or host:port entries a URL registration may fetch even though they resolve to private addresses. */
  @Transform(splitList)
  @IsString({ each: true })
  FETCH_ALLOWED_HOSTS: string[] = [];

  /** LanceDB location: a folder (relative to the repository root) or s3://bucket/prefix. */
  @IsString()
  VECTOR_STORE_URI = '.data/vectors';

  /** A tenant's vector table gets an ANN (HNSW) index from this many rows; exact search below. */
  @IsInt()
  @Min(256)
  VECTOR_ANN_MIN_ROWS: number = 50_000;

  /** A tenant's vector table is compacted once writes have left this many fragments (searches read each one). */
  @IsInt()
  @Min(2)
  @Max(10_000)
  VECTOR_COMPACT_FRAGMENTS: number = 32;

  /** Objects ingested at once by this replica. */
  @IsInt()
  @Min(1)
  @Max(64)
  INGESTION_CONCURRENCY: number = 2;

  /** Attempts per object (transient failures, workers lost) before it is marked failed. */
  @IsInt()
  @Min(1)
  @Max(20)
  INGESTION_MAX_ATTEMPTS: number = 3;

  @IsInt()
  @Min(10)
  @Max(60_000)
  INGESTION_RETRY_BASE_MS: number = 1000;

  /** A processing object whose worker has not heartbeaten for this long is taken by the reaper. */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  INGESTION_HEARTBEAT_TIMEOUT_MS: number = 60_000;

  @IsInt()
  @Min(200)
  @Max(600_000)
  INGESTION_REAPER_INTERVAL_MS: number = 10_000;
}
