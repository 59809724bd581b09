import { SqlRunner } from '@rag/database';

export interface OutboxBacklog {
  /** Committed events the relay has not published yet. */
  backlog: number;
  /** Age of the oldest of them; 0 when there is none. */
  oldestMs: number;
}

/** What readiness and the ops CLI read from an app's outbox (the partial index on unsent rows). */
export async function readOutboxBacklog(runner: SqlRunner): Promise<OutboxBacklog> {
  const [row] = (await runner.query(
    `SELECT count(*)::int AS backlog,
            COALESCE(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'utc') - min(created_at)) * 1000, 0)::bigint AS "oldestMs"
       FROM outbox_events WHERE sent_at IS NULL`,
  )) as { backlog: number; oldestMs: string }[];
  return { backlog: row.backlog, oldestMs: Number(row.oldestMs) };
}

export interface SentOutboxRows {
  /** Published rows the relay keeps for inspection until its cleanup deletes them. */
  sent: number;
  oldestSentMs: number;
}

export async function readSentOutboxRows(runner: SqlRunner): Promise<SentOutboxRows> {
  const [row] = (await runner.query(
    `SELECT count(*)::int AS sent,
            COALESCE(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'utc') - min(sent_at)) * 1000, 0)::bigint AS "oldestSentMs"
       FROM outbox_events WHERE sent_at IS NOT NULL`,
  )) as { sent: number; oldestSentMs: string }[];
  return { sent: row.sent, oldestSentMs: Number(row.oldestSentMs) };
}
