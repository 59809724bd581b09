import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EmbeddingError } from '@rag/embedding';
import { isTransientError } from '@rag/messaging';
import { counter, histogram } from '@rag/observability';
import { IngestionEnv } from '../ingestion.env';
import { IngestedObject } from '../objects/ingested-object.entity';
import { ObjectClaims } from './object-claims';
import { ObjectProcessor } from './object-processor';
import { PermanentIngestionError, StepError } from './pipeline.errors';

const outcomes = counter('ingestion_objects_total', 'Objects the pipeline finished', ['outcome']);
const durations = histogram(
  'ingestion_object_duration_seconds',
  'Time to ingest one object',
  [],
  [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
);

/**
 * Runs claimed objects, at most INGESTION_CONCURRENCY at a time, and heartbeats every object it
 * holds (queued or running) so the reaper only takes objects of a worker that is gone.
 * Transient failures are retried here with exponential backoff; after INGESTION_MAX_ATTEMPTS,
 * or on a permanent failure, the object ends `failed` with the step and reason.
 */
@Injectable()
export class PipelineWorker implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(PipelineWorker.name);
  private readonly held = new Map<string, IngestedObject>();
  private readonly queue: IngestedObject[] = [];
  private running = 0;
  private heartbeatTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly env: IngestionEnv,
    private readonly claims: ObjectClaims,
    private readonly processor: ObjectProcessor,
  ) {}

  onModuleInit(): void {
    const interval = Math.max(200, Math.floor(this.env.INGESTION_HEARTBEAT_TIMEOUT_MS / 3));
    this.heartbeatTimer = setInterval(() => void this.beat(), interval);
  }

  /** Before the vector index and the database close: an object cut short is left to the reaper, not failed. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeatTimer);
  }

  /** Claims the object (if still pending) and queues it; returns whether it was claimed. */
  async start(tenantId: string, objectId: string): Promise<boolean> {
    const object = await this.claims.claim(tenantId, objectId);
    if (!object) return false;
    this.held.set(object.id, object);
    this.queue.push(object);
    this.drain();
    return true;
  }

  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }

  private drain(): void {
    while (!this.stopping && this.running < this.env.INGESTION_CONCURRENCY && this.queue.length > 0) {
      const object = this.queue.shift()!;
      this.running += 1;
      void this.run(object).finally(() => {
        this.running -= 1;
        this.held.delete(object.id);
        this.drain();
      });
    }
  }

  private async run(object: IngestedObject): Promise<void> {
    const stopTimer = durations.startTimer();
    // Failures while a dependency is down (database restarting, connection cut) are not attempts.
    let attempt = 1;
    for (let failures = 1; ; failures += 1) {
      try {
        await this.processor.process(object);
        outcomes.inc({ outcome: 'indexed' });
        stopTimer();
        return;
      } catch (error) {
        if (this.stopping) return; // the reaper hands it to a live worker
        const { stepName, reason, permanent, transient } = describe(error);
        if (permanent || (!transient && attempt >= this.env.INGESTION_MAX_ATTEMPTS)) {
          this.logger.warn(`object ${object.id} failed at ${stepName}: ${reason}`);
          await this.claims.fail(object, stepName, permanent ? reason : `${reason} (after ${attempt} attempts)`);
          outcomes.inc({ outcome: 'failed' });
          return;
        }
        const delay = Math.min(30_000, this.env.INGESTION_RETRY_BASE_MS * 2 ** (failures - 1));
        this.logger.warn(
          `object ${object.id} attempt ${attempt} failed at ${stepName}: ${reason}; retrying in ${delay} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random() / 2)));
        if (this.stopping) return;
        if (!transient) attempt += 1;
      }
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.claims.heartbeat([...this.held.keys()]);
    } catch (error) {
      this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    }
  }
}

function describe(error: unknown): { stepName: string; reason: string; permanent: boolean; transient: boolean } {
  if (error instanceof PermanentIngestionError)
    return { stepName: error.step, reason: error.message, permanent: true, transient: false };
  const stepName = error instanceof StepError ? error.step : 'unknown';
  const cause = error instanceof StepError ? error.cause : error;
  const permanent = cause instanceof EmbeddingError && !cause.retryable;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { stepName, reason, permanent, transient: isTransientError(cause) };
}
