import { randomUUID } from 'node:crypto';
import { createEvent, DEAD_LETTER_TOPIC, SERVICE_ACTOR, TenantUpdated } from '@rag/contracts';
import { createKafka, ensureTopics, ProducerService, readTopicToEnd, sendToDeadLetter } from '@rag/messaging';
import { testBrokers, testKafka } from '@rag/testing';
import { KafkaMessage } from 'kafkajs';
import { reportOf, runOps } from './testing/run-ops';

interface DeadLetterJson {
  dlq: string;
  key: string | null;
  value: string | null;
  origin: { topic: string | null; partition: number | null; offset: string | null; consumerGroup: string | null };
  error: string | null;
  errorName: string | null;
  attempts: number | null;
  failedAt: string | null;
  event: { id: string | null; type: string | null; tenantId: string | null };
}

const tenantId = randomUUID();
const consumerGroup = `ops-dlq-${randomUUID()}`;
/** A topic of this spec's own: the shared ones hold every other spec's events, slow to read through. */
const originTopic = `ops-dlq-spec-${randomUUID()}`;
const event = createEvent(TenantUpdated, {
  tenantId,
  actor: SERVICE_ACTOR,
  resourceId: tenantId,
  data: { changedFields: ['name'] },
});
const headers = { 'event-type': event.type, 'event-id': event.id };
const ours = (messages: KafkaMessage[]) => messages.filter((message) => message.key?.toString() === tenantId);
const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

async function readToEnd(topic: string): Promise<KafkaMessage[]> {
  const records = await readTopicToEnd(createKafka(testBrokers(), 'ops-spec'), topic, 60_000);
  return records.map((record) => record.message);
}

async function highWatermarks(topic: string): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map((offset) => `${offset.partition}:${offset.high}`).sort();
  } finally {
    await admin.disconnect();
  }
}

describe('npm run ops -- dlq (real Kafka)', () => {
  let original: KafkaMessage;
  let originalPartition: number;
  let eventLetter: DeadLetterJson;

  /** As KafkaEventsServer does after its last attempt: the real message, dead-lettered with the error. */
  beforeAll(async () => {
    const kafka = createKafka(testBrokers(), 'ops-spec');
    await ensureTopics(kafka, [originTopic]);
    const producer = testKafka().producer();
    await producer.connect();
    const [sent] = await producer
      .send({ topic: originTopic, acks: -1, messages: [{ key: tenantId, value: JSON.stringify(event), headers }] })
      .finally(() => producer.disconnect());
    originalPartition = sent.partition;
    [original] = ours(await readToEnd(originTopic));

    const deadLetters = new ProducerService(kafka);
    const origin = { topic: originTopic, partition: originalPartition, consumerGroup };
    await sendToDeadLetter(deadLetters, origin, original, new TypeError('tenant row is locked'), 5);
    const unreadable = { ...original, value: Buffer.from('not an event'), headers: {} } as KafkaMessage;
    await sendToDeadLetter(deadLetters, origin, unreadable, new Error('unreadable message'), 1);
    await deadLetters.onApplicationShutdown();
  });

  it('lists each dead letter with its origin, error and event, newest first', async () => {
    const [json, text] = await Promise.all([
      runOps(['dlq', 'list', '--group', consumerGroup, '--json']),
      runOps(['dlq', 'list', '--topic', originTopic, '--limit', '1']),
    ]);

    expect(json.code).toBe(0);
    const report = reportOf<{ topic: string; total: number; matching: number; deadLetters: DeadLetterJson[] }>(json);
    // `total` counts every spec's dead letters on the shared topic; `matching` only this group's.
    expect(report).toEqual(expect.objectContaining({ topic: DEAD_LETTER_TOPIC, matching: 2 }));
    const [unreadable, letter] = report.deadLetters;
    eventLetter = letter;
    const origin = { topic: originTopic, partition: originalPartition, offset: original.offset, consumerGroup };
    expect(letter).toEqual({
      dlq: expect.stringMatching(/^\d+:\d+$/),
      key: tenantId,
      value: JSON.stringify(event),
      origin,
      error: 'tenant row is locked',
      errorName: 'TypeError',
      attempts: 5,
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      event: { id: event.id, type: 'tenant.updated', tenantId },
    });
    expect(unreadable).toEqual(
      expect.objectContaining({ value: 'not an event', error: 'unreadable message', attempts: 1, origin }),
    );
    expect(unreadable.event).toEqual({ id: null, type: null, tenantId: null });

    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^platform\.dead-letter: \d+ dead letter\(s\), 2 matching, 1 shown \(newest first\)$/m);
    expect(text.stdout).toMatch(
      /^DLQ\s+FAILED AT\s+ORIGIN\s+GROUP\s+ATTEMPTS\s+EVENT TYPE\s+EVENT ID\s+TENANT\s+ERROR$/m,
    );
  });

  it('publishes nothing on a dry run, and refuses an offset that holds no dead letter', async () => {
    const before = await highWatermarks(originTopic);

    const [dryRun, unknown] = await Promise.all([
      runOps(['dlq', 'replay', '--offset', eventLetter.dlq, '--dry-run', '--json']),
      runOps(['dlq', 'replay', '--offset', '0:99999']),
    ]);

    expect(dryRun.code).toBe(0);
    const report = reportOf<{ dryRun: boolean; replayed: DeadLetterJson[] }>(dryRun);
    expect(report.dryRun).toBe(true);
    expect(report.replayed.map((letter) => letter.dlq)).toEqual([eventLetter.dlq]);
    expect(await highWatermarks(originTopic)).toEqual(before);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no dead letter at 0:99999');
  });

  it('replays to the original topic with the original key, value and headers, without dlq-* headers', async () => {
    const run = await runOps(['dlq', 'replay', '--offset', eventLetter.dlq, '--group', consumerGroup, '--json']);

    expect(run.code).toBe(0);
    const report = reportOf<{ dryRun: boolean; replayed: DeadLetterJson[] }>(run);
    expect(report.dryRun).toBe(false);
    expect(report.replayed.map((letter) => letter.event.id)).toEqual([event.id]);
    const [first, replayed] = ours(await readToEnd(originTopic));
    expect(first.offset).toBe(original.offset);
    expect(replayed.value?.toString()).toBe(JSON.stringify(event));
    expect(Object.keys(replayed.headers ?? {}).sort()).toEqual(['event-id', 'event-type']);
    expect(header(replayed, 'event-id')).toBe(event.id);
    expect(header(replayed, 'event-type')).toBe(event.type);
  });
});
