import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';

export interface TopicRecord {
  partition: number;
  message: KafkaMessage;
}

/**
 * Every message of `topic` from its oldest offset up to the high watermark seen at the start,
 * then stops: an empty or missing topic answers at once. The throwaway consumer group commits
 * nothing and is deleted afterwards, so reading leaves no trace and moves no real group.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(
      offsets
        .filter((offset) => Number(offset.high) > Number(offset.low))
        .map((offset) => [offset.partition, Number(offset.high)]),
    );
    if (ends.size === 0) return [];
    const groupId = `ops-reader-${randomUUID()}`;
    try {
      return await consumeUntil(kafka, groupId, topic, ends, timeoutMs);
    } finally {
      await admin.deleteGroups([groupId]).catch(() => undefined); // already gone once it is empty
    }
  } finally {
    await admin.disconnect();
  }
}

async function consumeUntil(
  kafka: Kafka,
  groupId: string,
  topic: string,
  ends: Map<number, number>,
  timeoutMs: number,
): Promise<TopicRecord[]> {
  const records: TopicRecord[] = [];
  const pending = new Map(ends);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic} timed out after ${timeoutMs} ms (${records.length} read)`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = pending.get(partition);
            if (end === undefined) return;
            if (Number(message.offset) < end) records.push({ partition, message });
            if (Number(message.offset) + 1 >= end) pending.delete(partition);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((error: Error) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset));
}
