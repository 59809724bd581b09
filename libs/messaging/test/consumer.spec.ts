import { randomUUID } from 'node:crypto';
import { INestApplication, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  createEvent,
  DEAD_LETTER_TOPIC,
  EventEnvelope,
  SERVICE_ACTOR,
  TenantUpdated,
  TenantUpdatedData,
  TOPICS,
} from '@rag/contracts';
import { buildDataSourceOptions, databaseNameFor, migrateAppDatabase, withDatabase } from '@rag/database';
import {
  CreateMessagingTables1764000000000,
  KafkaEventContext,
  KafkaEventsServer,
  MessagingModule,
  EventConsumer,
  startEventConsumers,
} from '@rag/messaging';
import { expectEventually, produceRaw, readTopic, testBrokers, testKafka } from '@rag/testing';
import { KafkaMessage } from 'kafkajs';
import { Client } from 'pg';

const database = { app: 'messaging_consumer_spec', entities: [], migrations: [CreateMessagingTables1764000000000] };
const connection = () => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  DB_NAME_PREFIX: process.env.DB_NAME_PREFIX!,
  DB_POOL_SIZE: 5,
});
const consumerGroup = `consumer-spec-${randomUUID()}`;

/** What the handler saw; `failures` decides, per event id and attempt, whether it throws. */
const ourTenants = new Set<string>();
const attempts = new Map<string, number>();
const handled: { id: string; topic: string }[] = [];
const failures = new Map<string, (attempt: number) => Error | undefined>();

@EventConsumer()
class TenantEventsController {
  @EventPattern(TenantUpdated.type)
  async onTenantUpdated(
    @Payload() event: EventEnvelope<TenantUpdatedData>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    if (!ourTenants.has(event.tenantId ?? '')) return; // other specs' events on the shared topic
    const attempt = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, attempt);
    const failure = failures.get(event.id)?.(attempt);
    if (failure) throw failure;
    handled.push({ id: event.id, topic: context.topic });
  }
}

@Injectable()
class BootCounter implements OnApplicationBootstrap {
  static boots = 0;
  onApplicationBootstrap(): void {
    BootCounter.boots++;
  }
}

function newTenant(): string {
  const tenantId = randomUUID();
  ourTenants.add(tenantId);
  return tenantId;
}

function tenantUpdated(tenantId: string): EventEnvelope<object> {
  return createEvent(TenantUpdated, {
    tenantId,
    actor: SERVICE_ACTOR,
    resourceId: tenantId,
    data: { changedFields: ['name'] },
  });
}

/** As the outbox relay sends them: key = tenant, event-type and event-id headers. */
function produce(tenantId: string, ...events: (EventEnvelope<object> | string)[]): Promise<void> {
  return produceRaw(
    TOPICS.identity,
    events.map((event) =>
      typeof event === 'string'
        ? { key: tenantId, value: event }
        : { key: tenantId, value: JSON.stringify(event), headers: { 'event-type': event.type, 'event-id': event.id } },
    ),
  );
}

const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
const handledIds = () => handled.map((entry) => entry.id);

/** Every message on the dead-letter topic with this key (the tenant id), read to the end. */
async function deadLetters(tenantId: string): Promise<KafkaMessage[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(DEAD_LETTER_TOPIC)) return [];
    const offsets = await admin.fetchTopicOffsets(DEAD_LETTER_TOPIC);
    const total = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
    const messages = await readTopic(DEAD_LETTER_TOPIC, (read) => read.length >= total);
    return messages.filter((message) => message.key?.toString() === tenantId);
  } finally {
    await admin.disconnect();
  }
}

describe('KafkaEventsServer (real Kafka)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const name = databaseNameFor(process.env.DB_NAME_PREFIX!, database.app);
    const server = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
    await server.connect();
    await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => server.end());
    await migrateAppDatabase(database, connection());

    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions(database, connection())),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            source: 'specsvc',
            brokers: testBrokers(),
            consumerGroup,
            outbox: false,
            consumer: { retryBaseMs: 10, retryMaxMs: 50, maxAttempts: 3 },
          }),
        }),
      ],
      controllers: [TenantEventsController],
      providers: [BootCounter],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['warn'] });
    await startEventConsumers(app);
    await app.init();
    expect(BootCounter.boots).toBe(1);
    expect(app.get(KafkaEventsServer).topics).toEqual([TOPICS.identity]);
    // The new group starts at the oldest message of a topic the other specs have filled (tens of
    // thousands of events): let it catch up first, so each test times only its own events.
    await expectEventually(async () => expect(await app.get(KafkaEventsServer).lag()).toBe(0), 280_000, 500);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('retries a handler that fails twice, and does not dead-letter the event', async () => {
    const tenantId = newTenant();
    const [flaky, next] = [tenantUpdated(tenantId), tenantUpdated(tenantId)];
    failures.set(flaky.id, (attempt) => (attempt <= 2 ? new Error(`transient failure ${attempt}`) : undefined));
    await produce(tenantId, flaky, next);

    await expectEventually(async () => expect(handledIds()).toContain(next.id), 60_000);
    expect(attempts.get(flaky.id)).toBe(3);
    expect(attempts.get(next.id)).toBe(1);
    expect(handled.filter((entry) => [flaky.id, next.id].includes(entry.id))).toEqual([
      { id: flaky.id, topic: TOPICS.identity },
      { id: next.id, topic: TOPICS.identity },
    ]);
    expect(await deadLetters(tenantId)).toEqual([]);
  });

  it('dead-letters exactly the event whose handler always fails, and keeps the partition moving', async () => {
    const tenantId = newTenant();
    const [before, poison, after] = [tenantUpdated(tenantId), tenantUpdated(tenantId), tenantUpdated(tenantId)];
    failures.set(poison.id, () => new Error(`tenant ${tenantId} cannot be projected`));
    await produce(tenantId, before, poison, after);

    await expectEventually(async () => expect(handledIds()).toContain(after.id), 60_000);
    expect(attempts.get(poison.id)).toBe(3);
    expect(handledIds()).not.toContain(poison.id);
    expect(handledIds().filter((id) => [before.id, after.id].includes(id))).toEqual([before.id, after.id]);

    const dead = await expectEventually(async () => {
      const messages = await deadLetters(tenantId);
      expect(messages).toHaveLength(1);
      return messages;
    }, 20_000);
    const [message] = dead;
    expect(JSON.parse(message.value!.toString())).toEqual(poison);
    expect(header(message, 'event-id')).toBe(poison.id);
    expect(header(message, 'event-type')).toBe('tenant.updated');
    expect(header(message, 'dlq-error')).toBe(`tenant ${tenantId} cannot be projected`);
    expect(header(message, 'dlq-error-name')).toBe('Error');
    expect(header(message, 'dlq-attempts')).toBe('3');
    expect(header(message, 'dlq-original-topic')).toBe(TOPICS.identity);
    expect(header(message, 'dlq-consumer-group')).toBe(consumerGroup);
    expect(Number(header(message, 'dlq-original-offset'))).toBeGreaterThanOrEqual(0);
  });

  it('dead-letters events that break the contract without calling the handler', async () => {
    const tenantId = newTenant();
    const invalid = { ...tenantUpdated(tenantId), data: { changedFields: 'name' } } as EventEnvelope<object>;
    const valid = tenantUpdated(tenantId);
    await produce(tenantId, invalid, 'this is not JSON', valid);

    await expectEventually(async () => expect(handledIds()).toContain(valid.id), 60_000);
    expect(attempts.has(invalid.id)).toBe(false);

    const dead = await expectEventually(async () => {
      const messages = await deadLetters(tenantId);
      expect(messages).toHaveLength(2);
      return messages;
    }, 20_000);
    const contract = dead.find((message) => header(message, 'event-id') === invalid.id)!;
    expect(header(contract, 'dlq-error-name')).toBe('ContractViolationError');
    expect(header(contract, 'dlq-error')).toMatch(
      /^invalid tenant\.updated v1 data: changedFields: changedFields must be an array/,
    );
    expect(header(contract, 'dlq-attempts')).toBe('1');
    const unreadable = dead.find((message) => message.value?.toString() === 'this is not JSON')!;
    expect(header(unreadable, 'dlq-error-name')).toBe('ContractViolationError');
    expect(header(unreadable, 'dlq-error')).toMatch(/^unreadable message: /);
  });
});
