import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createEvent, EventEnvelope, SERVICE_ACTOR, TenantUpdated } from '@rag/contracts';
import { buildDataSourceOptions, databaseNameFor, migrateAppDatabase, withDatabase } from '@rag/database';
import {
  claimEvent,
  CreateMessagingTables1764000000000,
  MessagingModule,
  OutboxPublisher,
  OutboxRelay,
} from '@rag/messaging';
import { expectEventually, readTopic, testBrokers, testKafka } from '@rag/testing';
import { KafkaMessage } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const TOPIC = 'specsvc.events';
const database = { app: 'messaging_spec', entities: [], migrations: [CreateMessagingTables1764000000000] };
const connection = () => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  DB_NAME_PREFIX: process.env.DB_NAME_PREFIX!,
  DB_POOL_SIZE: 5,
});

async function onServer<T>(databaseName: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, databaseName) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function tenantUpdated(tenantId: string, step = 0): EventEnvelope<object> {
  return createEvent(TenantUpdated, {
    tenantId,
    actor: SERVICE_ACTOR,
    resourceId: tenantId,
    data: { changedFields: [`step-${step}`] },
  });
}

const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
const eventId = (message: KafkaMessage) => (JSON.parse(message.value!.toString()) as { id: string }).id;

/** Every message the topic holds right now (up to its high watermarks). */
async function readWholeTopic(topic: string): Promise<KafkaMessage[]> {
  const admin = testKafka().admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const total = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  return readTopic(topic, (messages) => messages.length >= total);
}

describe('outbox (real PostgreSQL + Kafka)', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let publisher: OutboxPublisher;
  let relay: OutboxRelay;

  beforeAll(async () => {
    const name = databaseNameFor(process.env.DB_NAME_PREFIX!, database.app);
    await onServer('postgres', (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    expect(await migrateAppDatabase(database, connection())).toEqual(['CreateMessagingTables1764000000000']);
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions(database, connection())),
        MessagingModule.forRootAsync({
          useFactory: () => ({ source: 'specsvc', brokers: testBrokers(), consumerGroup: 'spec-group' }),
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error', 'warn'] });
    await app.init();
    dataSource = app.get(DataSource);
    publisher = app.get(OutboxPublisher);
    relay = app.get(OutboxRelay);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('publishes a committed event exactly once, keyed by tenant, and nothing of a rolled-back one', async () => {
    const tenantId = randomUUID();
    const rolledBack = tenantUpdated(tenantId, 1);
    const committed = tenantUpdated(tenantId, 2);
    await expect(
      dataSource.transaction(async (manager) => {
        await publisher.publish(manager, rolledBack);
        throw new Error('the domain write failed');
      }),
    ).rejects.toThrow('the domain write failed');
    await dataSource.transaction((manager) => publisher.publish(manager, committed));

    const rows = await dataSource.query(`SELECT id, topic, message_key FROM outbox_events WHERE tenant_id = $1`, [
      tenantId,
    ]);
    expect(rows).toEqual([{ id: committed.id, topic: TOPIC, message_key: tenantId }]);

    await relay.flush();
    const [{ unsent }] = await dataSource.query(
      `SELECT count(*)::int AS unsent FROM outbox_events WHERE sent_at IS NULL`,
    );
    expect(unsent).toBe(0);
    const ours = (await readWholeTopic(TOPIC)).filter((message) => message.key?.toString() === tenantId);
    expect(ours.map(eventId)).toEqual([committed.id]);
    const [message] = ours;
    expect(header(message, 'event-type')).toBe('tenant.updated');
    expect(header(message, 'event-id')).toBe(committed.id);
    expect(JSON.parse(message.value!.toString())).toEqual(committed);
  });

  it('refuses to publish outside a transaction and stores nothing', async () => {
    const event = tenantUpdated(randomUUID());
    await expect(publisher.publish(dataSource.manager, event)).rejects.toThrow(
      'OutboxPublisher.publish must run inside the transaction of the domain write',
    );
    const queryRunner = dataSource.createQueryRunner();
    try {
      await expect(publisher.publish(queryRunner.manager, event)).rejects.toThrow('must run inside the transaction');
    } finally {
      await queryRunner.release();
    }
    expect(await dataSource.query(`SELECT id FROM outbox_events WHERE id = $1`, [event.id])).toEqual([]);
  });

  it('delivers 200 interleaved events of 4 tenants in each tenant`s commit order', async () => {
    const tenants: string[] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const committedOrder = new Map<string, string[]>(tenants.map((tenant) => [tenant, []]));
    // Each tenant commits 50 events one after another (some transactions hold two); the tenants run side by side.
    await Promise.all(
      tenants.map(async (tenantId) => {
        for (let step = 0; step < 50;) {
          const events =
            step % 7 === 3
              ? [tenantUpdated(tenantId, step), tenantUpdated(tenantId, step + 1)]
              : [tenantUpdated(tenantId, step)];
          await dataSource.transaction((manager) => publisher.publish(manager, ...events));
          committedOrder.get(tenantId)!.push(...events.map((event) => event.id));
          step += events.length;
        }
      }),
    );
    // The relay runs by itself (LISTEN/NOTIFY, polling): no flush here.
    await expectEventually(async () => {
      const [{ unsent }] = await dataSource.query(
        `SELECT count(*)::int AS unsent FROM outbox_events WHERE sent_at IS NULL`,
      );
      expect(unsent).toBe(0);
    }, 30_000);

    const messages = (await readWholeTopic(TOPIC)).filter((message) => tenants.includes(message.key!.toString()));
    expect(messages).toHaveLength(200);
    for (const tenantId of tenants) {
      expect(committedOrder.get(tenantId)).toHaveLength(50);
      const received = messages.filter((message) => message.key!.toString() === tenantId);
      expect(received.map(eventId)).toEqual(committedOrder.get(tenantId));
      expect(received.map((message) => header(message, 'event-id'))).toEqual(committedOrder.get(tenantId));
    }
  });

  it('flush waits for a relay that is publishing elsewhere, then leaves nothing unsent', async () => {
    const event = tenantUpdated(randomUUID());
    // Another relay (a replica) holds the relay lock (outbox.relay.ts RELAY_LOCK) in an open transaction.
    const holder = new Client({ connectionString: (dataSource.options as { url: string }).url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(7310001)');
      await dataSource.transaction((manager) => publisher.publish(manager, event));
      let flushed = false;
      const flushing = relay.flush().then(() => (flushed = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(flushed).toBe(false);
      await holder.query('COMMIT');
      await flushing;
    } finally {
      await holder.end();
    }
    const [row] = await dataSource.query(`SELECT sent_at FROM outbox_events WHERE id = $1`, [event.id]);
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  describe('claimEvent (inbox)', () => {
    const claim = (group: string, id: string) => dataSource.transaction((manager) => claimEvent(manager, group, id));

    it('claims an event once per consumer group', async () => {
      const id = randomUUID();
      expect(await claim('spec-group', id)).toBe(true);
      expect(await claim('spec-group', id)).toBe(false);
      expect(await claim('spec-group', id)).toBe(false);
      expect(await claim('other-group', id)).toBe(true);
      expect(await claim('spec-group', randomUUID())).toBe(true);
    });

    it('forgets a claim whose transaction rolled back', async () => {
      const id = randomUUID();
      let claimedInside: boolean | undefined;
      await expect(
        dataSource.transaction(async (manager) => {
          claimedInside = await claimEvent(manager, 'spec-group', id);
          throw new Error('the effect failed');
        }),
      ).rejects.toThrow('the effect failed');
      expect(claimedInside).toBe(true);
      expect(await claim('spec-group', id)).toBe(true);
      expect(await claim('spec-group', id)).toBe(false);
    });

    it('lets exactly one of several concurrent claims win', async () => {
      const id = randomUUID();
      const results = await Promise.all([1, 2, 3, 4].map(() => claim('spec-group', id)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
});
