import { Injectable } from '@nestjs/common';
import { createEvent, ObjectIngestionFailed, ObjectRequeued, SERVICE_ACTOR } from '@rag/contracts';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { IngestedObject } from '../objects/ingested-object.entity';

interface ObjectRowRaw {
  id: string;
  tenant_id: string;
  data_source_id: string;
  cloudfront_url: string;
  content_type: string;
  size_bytes: string;
  checksum: string;
  ingestion_status: IngestedObject['status'];
  created_at: Date;
  metadata: IngestedObject['metadata'];
  attempts: number;
  heartbeat_at: Date | null;
  updated_at: Date;
}

function fromRaw(raw: ObjectRowRaw): IngestedObject {
  return {
    id: raw.id,
    tenantId: raw.tenant_id,
    dataSourceId: raw.data_source_id,
    cloudfrontUrl: raw.cloudfront_url,
    contentType: raw.content_type,
    sizeBytes: Number(raw.size_bytes),
    checksum: raw.checksum,
    status: raw.ingestion_status,
    createdAt: raw.created_at,
    metadata: raw.metadata,
    attempts: raw.attempts,
    heartbeatAt: raw.heartbeat_at,
    updatedAt: raw.updated_at,
  };
}

const NOW = `(now() AT TIME ZONE 'utc')`;

/**
 * The status machine's transitions that workers and the reaper race on, each one atomic
 * UPDATE ... WHERE status = expected: pending -> processing (claim), processing -> failed,
 * processing -> pending (requeue of a worker that stopped heartbeating). These are platform
 * jobs over one object id at a time, each write carrying the object's own tenant id.
 */
@Injectable()
export class ObjectClaims {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** Takes a pending object for this worker; null when it is not pending (taken, done or deleted). */
  async claim(tenantId: string, id: string): Promise<IngestedObject | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE ingested_objects
          SET ingestion_status = 'processing', attempts = attempts + 1, heartbeat_at = ${NOW}, updated_at = ${NOW}
        WHERE tenant_id = $1 AND id = $2 AND ingestion_status = 'pending'
        RETURNING *`,
      [tenantId, id],
    )) as [ObjectRowRaw[], number];
    return rows.length ? fromRaw(rows[0]) : null;
  }

  async heartbeat(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE ingested_objects SET heartbeat_at = ${NOW}
        WHERE id = ANY($1::uuid[]) AND ingestion_status = 'processing'`,
      [ids],
    );
  }

  async fail(object: IngestedObject, stepName: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE ingested_objects
            SET ingestion_status = 'failed', heartbeat_at = NULL, updated_at = ${NOW},
                metadata = metadata || jsonb_build_object('error', jsonb_build_object('step', $3::text, 'reason', $4::text))
          WHERE tenant_id = $1 AND id = $2 AND ingestion_status = 'processing'
          RETURNING attempts`,
        [object.tenantId, object.id, stepName, reason],
      )) as [{ attempts: number }[], number];
      if (rows.length === 0) return;
      await this.outbox.publish(
        manager,
        createEvent(ObjectIngestionFailed, {
          tenantId: object.tenantId,
          actor: SERVICE_ACTOR,
          resourceId: object.id,
          data: { step: stepName, reason: reason.slice(0, 2000), attempts: rows[0].attempts },
        }),
      );
    });
  }

  /**
   * Objects whose worker stopped heartbeating before `staleBefore`: back to pending (with
   * `object.requeued`, which starts a new attempt) or, after maxAttempts, failed with the reason.
   */
  async reap(staleBefore: Date, maxAttempts: number, limit: number): Promise<{ requeued: number; failed: number }> {
    return this.dataSource.transaction(async (manager) => {
      const stale = (await manager.query(
        `SELECT id, tenant_id, attempts FROM ingested_objects
          WHERE ingestion_status = 'processing' AND heartbeat_at < $1
          ORDER BY heartbeat_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [staleBefore.toISOString().replace('Z', ''), limit],
      )) as { id: string; tenant_id: string; attempts: number }[];
      let failed = 0;
      for (const row of stale) {
        const reason = `the worker stopped heartbeating during attempt ${row.attempts}`;
        const giveUp = row.attempts >= maxAttempts;
        if (giveUp) {
          await manager.query(
            `UPDATE ingested_objects SET ingestion_status = 'failed', heartbeat_at = NULL, updated_at = ${NOW},
               metadata = metadata || jsonb_build_object('error', jsonb_build_object('step', 'worker', 'reason', $2::text))
             WHERE id = $1`,
            [row.id, `${reason}; gave up after ${row.attempts} attempts`],
          );
        } else {
          await manager.query(
            `UPDATE ingested_objects SET ingestion_status = 'pending', heartbeat_at = NULL, updated_at = ${NOW} WHERE id = $1`,
            [row.id],
          );
        }
        const event = giveUp
          ? createEvent(ObjectIngestionFailed, {
              tenantId: row.tenant_id,
              actor: SERVICE_ACTOR,
              resourceId: row.id,
              data: { step: 'worker', reason, attempts: row.attempts },
            })
          : createEvent(ObjectRequeued, {
              tenantId: row.tenant_id,
              actor: SERVICE_ACTOR,
              resourceId: row.id,
              data: { attempts: row.attempts, reason },
            });
        await this.outbox.publish(manager, event);
        if (giveUp) failed += 1;
      }
      return { requeued: stale.length - failed, failed };
    });
  }
}
