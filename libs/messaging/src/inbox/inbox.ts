import { SqlRunner } from '@rag/database';
import { EntityManager } from 'typeorm';

/**
 * Records that `consumerGroup` handled `eventId`, in the caller's transaction. Returns false
 * when it already had: the caller skips its effect, so a redelivered event changes nothing.
 */
export async function claimEvent(manager: EntityManager, consumerGroup: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO processed_events (consumer_group, event_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumerGroup, eventId],
  );
  return rows.length === 1;
}

export interface InboxCount {
  consumerGroup: string;
  processed: number;
  lastProcessedAt: Date;
}

/** Events each consumer group has claimed in this database, and when it last claimed one. */
export async function readInboxCounts(runner: SqlRunner): Promise<InboxCount[]> {
  const rows = (await runner.query(
    `SELECT consumer_group AS "consumerGroup", count(*)::int AS processed, max(processed_at) AS "lastProcessedAt"
       FROM processed_events GROUP BY consumer_group ORDER BY consumer_group`,
  )) as InboxCount[];
  return rows;
}
