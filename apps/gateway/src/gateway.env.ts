import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BlobStoreEnv } from '@rag/blob-store';
import { splitList, IsHttpUrl } from '@rag/config';

/** The gateway's environment: validated once at boot (see README, "Configuration"). */
export class GatewayEnv extends BlobStoreEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

  @IsHttpUrl()
  IDENTITY_URL = 'http://127.0.0.1:3101';

  @IsHttpUrl()
  AUDIT_URL = 'http://127.0.0.1:3107';

  @IsHttpUrl()
  INGESTION_URL = 'http://127.0.0.1:3102';

  @IsHttpUrl()
  CHAT_URL = 'http://127.0.0.1:3103';

  @IsHttpUrl()
  AGENTS_URL = 'http://127.0.0.1:3104';

  @IsHttpUrl()
  EVALUATION_URL = 'http://127.0.0.1:3105';

  @IsHttpUrl()
  COMPLIANCE_URL = 'http://127.0.0.1:3106';

  /** Largest multipart upload (`POST /v1/objects`) the gateway takes in and forwards. */
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  GATEWAY_UPLOAD_LIMIT_BYTES: number = 51 * 1024 * 1024;

  /** Deadline of object registration, which fetches URLs and stores uploads. */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  INGEST_TIMEOUT_MS: number = 60_000;

  /** Every call to a service gives up after this long (504), so no request hangs. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  UPSTREAM_TIMEOUT_MS: number = 10_000;

  /** How long a verified key (and an acting user) is trusted without asking identity; 0 = never cached. */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  KEY_CACHE_TTL_MS: number = 30_000;

  /** Quota status per tenant is reused this long. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  QUOTA_CACHE_TTL_MS: number = 5_000;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_SECOND: number = 20;

  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_BURST: number = 40;

  /** Origins allowed by CORS (comma-separated); none by default, so browsers get no CORS grant. */
  @Transform(splitList)
  @IsString({ each: true })
  @Matches(/^https?:\/\/[^/\s,]+$/, {
    each: true,
    message: 'CORS_ORIGINS must be origins such as https://app.example.com',
  })
  CORS_ORIGINS: string[] = [];

  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  GATEWAY_BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** auth.failed / usage.recorded events kept in memory while Kafka is unreachable. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  GATEWAY_EVENT_BUFFER_SIZE: number = 10_000;
}
