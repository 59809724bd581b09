import { DEAD_LETTER_TOPIC } from '@rag/contracts';
import { IHeaders, Kafka, KafkaMessage, Message } from 'kafkajs';
import { DEAD_LETTER_HEADER_PREFIX, DEAD_LETTER_HEADERS } from '../consumer/dead-letter';
import { ProducerService } from '../producer.service';
import { readTopicToEnd } from '../topic-reader';

/** A message on the dead-letter topic, with where it came from and why it failed. */
export interface DeadLetter {
  /** Where it sits on the dead-letter topic: what an operator names to replay it. */
  partition: number;
  offset: string;
  key: string | null;
  origin: { topic: string | null; partition: number | null; offset: string | null; consumerGroup: string | null };
  error: string | null;
  errorName: string | null;
  attempts: number | null;
  failedAt: string | null;
  /** From the envelope when the value is one; null fields for a message that is not. */
  event: { id: string | null; type: string | null; tenantId: string | null };
  /** The message as read, for a replay. */
  raw: KafkaMessage;
}

function header(headers: IHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}

function numberOrNull(text: string | null): number | null {
  return text === null || !/^\d+$/.test(text) ? null : Number(text);
}

/** Dead letters include messages that were never valid events: read what is there, validate nothing. */
function envelopeFields(value: Buffer | null): DeadLetter['event'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString() ?? '');
  } catch {
    return { id: null, type: null, tenantId: null };
  }
  const field = (name: string) => {
    const found = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[name] : null;
    return typeof found === 'string' ? found : null;
  };
  return { id: field('id'), type: field('type'), tenantId: field('tenantId') };
}

export function describeDeadLetter(partition: number, message: KafkaMessage): DeadLetter {
  const { headers } = message;
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    origin: {
      topic: header(headers, DEAD_LETTER_HEADERS.originalTopic),
      partition: numberOrNull(header(headers, DEAD_LETTER_HEADERS.originalPartition)),
      offset: header(headers, DEAD_LETTER_HEADERS.originalOffset),
      consumerGroup: header(headers, DEAD_LETTER_HEADERS.consumerGroup),
    },
    error: header(headers, DEAD_LETTER_HEADERS.error),
    errorName: header(headers, DEAD_LETTER_HEADERS.errorName),
    attempts: numberOrNull(header(headers, DEAD_LETTER_HEADERS.attempts)),
    failedAt: header(headers, DEAD_LETTER_HEADERS.failedAt),
    event: envelopeFields(message.value),
    raw: message,
  };
}

/** Every dead letter, oldest first per partition; stops at the topic's end. */
export async function readDeadLetters(kafka: Kafka): Promise<DeadLetter[]> {
  const records = await readTopicToEnd(kafka, DEAD_LETTER_TOPIC);
  return records.map(({ partition, message }) => describeDeadLetter(partition, message));
}

/** The original message again: its key, value and headers, without what the dead-letter topic added. */
export function replayMessage(letter: DeadLetter): Message {
  const headers = Object.fromEntries(
    Object.entries(letter.raw.headers ?? {}).filter(
      (entry): entry is [string, NonNullable<IHeaders[string]>] =>
        !entry[0].startsWith(DEAD_LETTER_HEADER_PREFIX) && entry[1] !== undefined,
    ),
  );
  return { key: letter.raw.key, value: letter.raw.value, headers };
}

/**
 * Publishes dead letters to their original topics, so every consumer group of those topics runs
 * them again (consumers are idempotent: a group that had handled one skips it).
 */
export async function replayDeadLetters(kafka: Kafka, letters: DeadLetter[]): Promise<void> {
  const byTopic = new Map<string, Message[]>();
  for (const letter of letters) {
    const topic = letter.origin.topic;
    if (!topic) throw new Error(`dead letter ${letter.partition}:${letter.offset} names no original topic`);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), replayMessage(letter)]);
  }
  if (byTopic.size === 0) return;
  const producer = new ProducerService(kafka);
  try {
    await producer.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  } finally {
    await producer.onApplicationShutdown();
  }
}
