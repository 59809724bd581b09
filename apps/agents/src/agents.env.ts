import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { PlatformEnv, IsHttpUrl } from '@rag/config';
import { IsJsonObject } from '@rag/http';
import { ModelPrice } from '@rag/llm';

export class AgentsEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  AGENTS_PORT: number = 3104;

  /** Chat's internal API: session context in, replies out. */
  @IsHttpUrl()
  CHAT_URL = 'http://127.0.0.1:3103';

  /** Ingestion's internal API: retrieval. */
  @IsHttpUrl()
  INGESTION_URL = 'http://127.0.0.1:3102';

  /** Identity's internal API: the token quota checked before a model is called. */
  @IsHttpUrl()
  IDENTITY_URL = 'http://127.0.0.1:3101';

  /** Deadline of each call to chat, ingestion or identity. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  SERVICE_TIMEOUT_MS: number = 5000;

  /** Runs executed at once by this replica. */
  @IsInt()
  @Min(1)
  @Max(256)
  AGENT_CONCURRENCY: number = 16;

  /** Runs of one tenant executing at once, across all replicas. */
  @IsInt()
  @Min(1)
  @Max(256)
  AGENT_TENANT_CONCURRENCY: number = 4;

  /** Attempts of a run (retryable failures, lost workers) before it fails. */
  @IsInt()
  @Min(1)
  @Max(10)
  AGENT_MAX_ATTEMPTS: number = 3;

  /**
   * A run failing because a dependency is down (chat or ingestion unreachable, PostgreSQL
   * restarting) keeps retrying past AGENT_MAX_ATTEMPTS while it is younger than this.
   */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  AGENT_OUTAGE_TOLERANCE_MS: number = 300_000;

  /** Backoff before the second attempt; doubled for each later one (with jitter), at most 60 s. */
  @IsInt()
  @Min(10)
  @Max(60_000)
  AGENT_RETRY_BASE_MS: number = 1000;

  /** One attempt of a run, all steps included. */
  @IsInt()
  @Min(1000)
  @Max(900_000)
  AGENT_RUN_TIMEOUT_MS: number = 120_000;

  /** A running run whose worker has not heartbeated for this long is taken over. */
  @IsInt()
  @Min(500)
  @Max(600_000)
  AGENT_HEARTBEAT_TIMEOUT_MS: number = 15_000;

  /** How often a replica looks for runs it was not told about (other replicas' events, retries due, lost workers). */
  @IsInt()
  @Min(50)
  @Max(60_000)
  AGENT_POLL_INTERVAL_MS: number = 1000;

  /** Each provider call of a run. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  LLM_TIMEOUT_MS: number = 60_000;

  /** Chunks retrieved for an answer. */
  @IsInt()
  @Min(1)
  @Max(50)
  AGENT_RETRIEVAL_K: number = 6;

  /**
   * A retrieved chunk counts as relevant when it shares a keyword with the question or its
   * vector similarity reaches this; with none relevant the run answers that it found nothing.
   */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  AGENT_MIN_VECTOR_SCORE: number = 0.2;

  /** Recent messages sent to the model as they are; older ones reach it through the session summary. */
  @IsInt()
  @Min(0)
  @Max(100)
  AGENT_CONTEXT_MESSAGES: number = 10;

  /** A summarize-session run starts once this many messages fell out of the context window unsummarized. */
  @IsInt()
  @Min(1)
  @Max(1000)
  AGENT_SUMMARY_BATCH: number = 10;

  /** JSON: model name → { "inputPerMillion": USD, "outputPerMillion": USD }; unknown models cost 0. */
  @Transform(({ value }) => (typeof value === 'string' ? parsePrices(value) : value))
  @IsJsonObject(64 * 1024, {
    message: 'LLM_PRICES must be a JSON object of model → {inputPerMillion, outputPerMillion}',
  })
  LLM_PRICES: Record<string, ModelPrice> = {};
}

/** The prices as an object, or the raw text (which then fails validation) when it is not valid. */
function parsePrices(text: string): unknown {
  try {
    const prices = JSON.parse(text) as unknown;
    if (typeof prices !== 'object' || prices === null) return text;
    const valid = Object.values(prices).every(
      (price: Partial<ModelPrice> | null) =>
        typeof price?.inputPerMillion === 'number' &&
        price.inputPerMillion >= 0 &&
        typeof price.outputPerMillion === 'number' &&
        price.outputPerMillion >= 0,
    );
    return valid ? prices : text;
  } catch {
    return text;
  }
}
