import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createEvent, ObjectRequeued, SERVICE_ACTOR } from '@rag/contracts';
import { Embedder } from '@rag/embedding';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { EMBEDDER } from '../stores/tokens';

const BATCH = 500;

/**
 * After the embedding model changes, objects indexed with another model go back through the
 * pipeline (`object.requeued`): their vectors are rebuilt in the new model's tables, never mixed
 * with the old ones. Until then their chunks are out of search results. Safe with replicas: rows
 * are taken with SKIP LOCKED and only indexed objects move.
 */
@Injectable()
export class ReembeddingService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReembeddingService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(EMBEDDER) private readonly embedder: Embedder,
  ) {}

  onApplicationBootstrap(): void {
    void this.requeueStale().catch((error: unknown) =>
      this.logger.error(`re-embedding could not start: ${(error as Error).message}`),
    );
  }

  /** Requeues every object embedded with another model; returns how many. */
  async requeueStale(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.requeueBatch();
      total += moved;
      if (moved < BATCH) break;
    }
    if (total > 0) this.logger.warn(`re-embedding ${total} object(s) with ${this.embedder.model}`);
    return total;
  }

  private requeueBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `WITH stale AS (
           SELECT id FROM ingested_objects
            WHERE ingestion_status = 'indexed' AND COALESCE((metadata->>'chunkCount')::int, 0) > 0
              AND metadata->>'embeddingModel' IS DISTINCT FROM $1
            LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE ingested_objects o SET ingestion_status = 'pending', attempts = 0, updated_at = (now() AT TIME ZONE 'utc')
           FROM stale WHERE o.id = stale.id
         RETURNING o.id, o.tenant_id, o.attempts`,
        [this.embedder.model, BATCH],
      )) as [{ id: string; tenant_id: string; attempts: number }[], number];
      for (const row of rows) {
        await this.outbox.publish(
          manager,
          createEvent(ObjectRequeued, {
            tenantId: row.tenant_id,
            actor: SERVICE_ACTOR,
            resourceId: row.id,
            data: { attempts: row.attempts, reason: `re-embedding with ${this.embedder.model}` },
          }),
        );
      }
      return rows.length;
    });
  }
}
