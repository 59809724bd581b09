import { createHash } from 'node:crypto';
import { ragAnswerRunId, replyMessageId } from '@rag/contracts';
import { appPool, chatContent, documentText, SentWrite } from '@rag/testing';

/** How often each write's marker is found in the store that owns it. */
export type StoredCounts = Map<string, number>;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function countBy(app: string, sql: string, keys: string[]): Promise<Map<string, number>> {
  const { rows } = await appPool(app).query<{ key: string; n: number }>(sql, [keys]);
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}

/** Stored copies of every write sent (accepted or not), keyed by marker. */
export async function storedCopies(writes: SentWrite[]): Promise<StoredCounts> {
  const of = (route: SentWrite['route']) =>
    writes.filter((write) => write.route === route).map((write) => write.marker);
  const apiKeys = await countBy(
    'identity',
    'SELECT name AS key, count(*) AS n FROM api_keys WHERE name = ANY($1) GROUP BY name',
    of('auth'),
  );
  const byChecksum = await countBy(
    'ingestion',
    'SELECT checksum AS key, count(*) AS n FROM ingested_objects WHERE checksum = ANY($1) GROUP BY checksum',
    of('ingest').map((marker) => sha256(documentText(marker))),
  );
  const byContent = await countBy(
    'chat',
    `SELECT content AS key, count(*) AS n FROM chat_messages WHERE role = 'user' AND content = ANY($1) GROUP BY content`,
    of('chat').map(chatContent),
  );
  const stored: StoredCounts = new Map();
  for (const write of writes) {
    const n =
      write.route === 'auth'
        ? apiKeys.get(write.marker)
        : write.route === 'ingest'
          ? byChecksum.get(sha256(documentText(write.marker)))
          : byContent.get(chatContent(write.marker));
    stored.set(write.marker, n ?? 0);
  }
  return stored;
}

export interface FollowUps {
  /** Accepted objects by ingestion status. */
  objects: Record<string, number>;
  /** The runs answering accepted chat messages, by status. */
  runs: Record<string, number>;
  /** Accepted chat messages whose reply is stored. */
  replied: number;
  /** Assistant messages in the load's sessions beyond one per user message. */
  extraReplies: number;
}

/** What the accepted writes set off: objects indexed, chat messages answered (once). */
export async function followUps(accepted: SentWrite[], sessionIds: string[]): Promise<FollowUps> {
  const objectIds = accepted.filter((write) => write.route === 'ingest').map((write) => write.id!);
  const { rows: statuses } = await appPool('ingestion').query<{ status: string; n: number }>(
    'SELECT ingestion_status AS status, count(*) AS n FROM ingested_objects WHERE id = ANY($1::uuid[]) GROUP BY 1',
    [objectIds],
  );
  const messageIds = accepted.filter((write) => write.route === 'chat').map((write) => write.id!);
  const { rows: runs } = await appPool('agents').query<{ status: string; n: number }>(
    'SELECT status, count(*) AS n FROM agent_runs WHERE id = ANY($1::uuid[]) GROUP BY 1',
    [messageIds.map(ragAnswerRunId)],
  );
  const replyIds = messageIds.map(replyMessageId);
  const {
    rows: [replies],
  } = await appPool('chat').query<{ n: number }>('SELECT count(*) AS n FROM chat_messages WHERE id = ANY($1::uuid[])', [
    replyIds,
  ]);
  const {
    rows: [roles],
  } = await appPool('chat').query<{ users: number; assistants: number }>(
    `SELECT count(*) FILTER (WHERE role = 'user') AS users, count(*) FILTER (WHERE role = 'assistant') AS assistants
       FROM chat_messages WHERE session_id = ANY($1::uuid[])`,
    [sessionIds],
  );
  return {
    objects: Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)])),
    runs: Object.fromEntries(runs.map((row) => [row.status, Number(row.n)])),
    replied: Number(replies.n),
    extraReplies: Math.max(0, Number(roles.assistants) - Number(roles.users)),
  };
}
