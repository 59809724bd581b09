import { EVENT_TOPIC_PATTERN } from '@rag/contracts';
import { createKafka, readTopicToEnd } from '@rag/messaging';
import { appPool } from '@rag/testing';

/** How often each event id was found: on Kafka (redeliveries show as copies) or in a table. */
export type IdCounts = Map<string, number>;

function count(ids: Iterable<string>): IdCounts {
  const counts: IdCounts = new Map();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Every event id on the `*.events` topics, read from the start to each partition's high watermark. */
export async function eventIdsOnKafka(brokers: string[]): Promise<IdCounts> {
  const kafka = createKafka(brokers, 'fault-suite');
  const admin = kafka.admin();
  await admin.connect();
  let topics: string[];
  try {
    topics = (await admin.listTopics()).filter((topic) => EVENT_TOPIC_PATTERN.test(topic));
  } finally {
    await admin.disconnect();
  }
  const records = (await Promise.all(topics.map((topic) => readTopicToEnd(kafka, topic, 120_000)))).flat();
  return count(
    records.flatMap(({ message }) => {
      const envelope = JSON.parse(message.value?.toString() ?? 'null') as { id?: string } | null;
      return envelope?.id ? [envelope.id] : [];
    }),
  );
}

export async function auditedEventIds(): Promise<IdCounts> {
  const { rows } = await appPool('audit').query<{ id: string }>('SELECT id::text FROM audit_logs');
  return count(rows.map((row) => row.id));
}

/** Events an app committed to its outbox (none for an app without one: audit), and how many are not sent yet. */
export async function outboxEvents(app: string): Promise<{ ids: string[]; unsent: number }> {
  const {
    rows: [table],
  } = await appPool(app).query<{ exists: boolean }>(`SELECT to_regclass('outbox_events') IS NOT NULL AS exists`);
  if (!table.exists) return { ids: [], unsent: 0 };
  const { rows } = await appPool(app).query<{ id: string; sent: boolean }>(
    'SELECT id::text, sent_at IS NOT NULL AS sent FROM outbox_events',
  );
  return { ids: rows.map((row) => row.id), unsent: rows.filter((row) => !row.sent).length };
}
