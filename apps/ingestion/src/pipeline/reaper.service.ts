import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { counter } from '@rag/observability';
import { IngestionEnv } from '../ingestion.env';
import { ObjectClaims } from './object-claims';

const reaped = counter('ingestion_reaped_objects_total', 'Objects taken from a worker that stopped heartbeating', [
  'outcome',
]);

/** Nothing stays `processing` forever: objects of silent workers are requeued, or failed after the last attempt. */
@Injectable()
export class ReaperService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReaperService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly env: IngestionEnv,
    private readonly claims: ObjectClaims,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), this.env.INGESTION_REAPER_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const staleBefore = new Date(Date.now() - this.env.INGESTION_HEARTBEAT_TIMEOUT_MS);
      const { requeued, failed } = await this.claims.reap(staleBefore, this.env.INGESTION_MAX_ATTEMPTS, 100);
      if (requeued + failed === 0) return;
      reaped.inc({ outcome: 'requeued' }, requeued);
      reaped.inc({ outcome: 'failed' }, failed);
      this.logger.warn(`reaper: ${requeued} object(s) requeued, ${failed} failed after their last attempt`);
    } catch (error) {
      this.logger.warn(`reaper sweep failed: ${(error as Error).message}`);
    }
  }
}
