import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { BlobStoreEnv } from '@rag/blob-store';
import { IsHttpUrl } from '@rag/config';

export class EvaluationEnv extends BlobStoreEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  EVALUATION_PORT: number = 3105;

  @IsHttpUrl()
  CHAT_URL = 'http://127.0.0.1:3103';

  @IsHttpUrl()
  AGENTS_URL = 'http://127.0.0.1:3104';

  @IsHttpUrl()
  INGESTION_URL = 'http://127.0.0.1:3102';

  @IsHttpUrl()
  IDENTITY_URL = 'http://127.0.0.1:3101';

  @IsInt()
  @Min(100)
  @Max(120_000)
  SERVICE_TIMEOUT_MS: number = 10_000;

  /** Share of a tenant's answers scored live when its metadata sets no `evaluationSampleRate`. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  EVALUATION_DEFAULT_SAMPLE_RATE: number = 0;

  /** How long a set waits for one question's run to end before it puts the set aside for a later pass. */
  @IsInt()
  @Min(1)
  @Max(600)
  EVALUATION_ANSWER_WAIT_SECONDS: number = 60;

  /** A running set whose runner has been silent this long is resumed by another replica. */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  EVALUATION_HEARTBEAT_TIMEOUT_MS: number = 30_000;

  /** Questions of one set asked at once. */
  @IsInt()
  @Min(1)
  @Max(16)
  EVALUATION_SET_CONCURRENCY: number = 2;
}
