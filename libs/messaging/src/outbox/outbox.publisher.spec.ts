import { randomUUID } from 'node:crypto';
import { createEvent, SERVICE_ACTOR, TenantUpdated } from '@rag/contracts';
import { EntityManager } from 'typeorm';
import { messageKey, OUTBOX_CHANNEL, OutboxPublisher } from './outbox.publisher';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function fakeManager(isTransactionActive: boolean | undefined) {
  const queries: { sql: string; parameters?: unknown[] }[] = [];
  const manager = {
    queryRunner: isTransactionActive === undefined ? undefined : { isTransactionActive },
    query: async (sql: string, parameters?: unknown[]) =>
      void queries.push({ sql: sql.replace(/\s+/g, ' '), parameters }),
  };
  return { manager: manager as unknown as EntityManager, queries };
}

function event(tenantId: string | null, traceparent?: string) {
  return createEvent(TenantUpdated, {
    tenantId,
    actor: SERVICE_ACTOR,
    resourceId: randomUUID(),
    data: { changedFields: ['name'] },
    traceparent,
  });
}

describe('OutboxPublisher', () => {
  const publisher = new OutboxPublisher({ source: 'specsvc', brokers: [] });

  it('refuses to publish outside a transaction', async () => {
    for (const state of [undefined, false]) {
      const { manager, queries } = fakeManager(state);
      await expect(publisher.publish(manager, event(randomUUID()))).rejects.toThrow('must run inside the transaction');
      expect(queries).toHaveLength(0);
    }
  });

  it('stores each event with its topic, key and headers, then notifies once', async () => {
    const { manager, queries } = fakeManager(true);
    const [first, second] = [event(randomUUID(), TRACEPARENT), event(null)];
    await publisher.publish(manager, first, second);
    expect(queries).toHaveLength(3);
    expect(queries[0].sql).toMatch(
      /^INSERT INTO outbox_events \(id, tenant_id, topic, message_key, payload, headers\)/,
    );
    expect(queries[0].parameters).toEqual([
      first.id,
      first.tenantId,
      'specsvc.events',
      first.tenantId,
      first,
      { 'event-type': 'tenant.updated', 'event-id': first.id, traceparent: TRACEPARENT },
    ]);
    expect(queries[1].parameters).toEqual([
      second.id,
      null,
      'specsvc.events',
      'platform',
      second,
      { 'event-type': 'tenant.updated', 'event-id': second.id },
    ]);
    expect(queries[2]).toEqual({ sql: "SELECT pg_notify($1, '')", parameters: [OUTBOX_CHANNEL] });
  });

  it('refuses an invalid envelope before storing anything', async () => {
    const { manager, queries } = fakeManager(true);
    const bad = { ...event(randomUUID()), data: { changedFields: 'name' } } as never;
    await expect(publisher.publish(manager, event(randomUUID()), bad)).rejects.toThrow(/changedFields/);
    expect(queries.some((query) => query.sql.includes('pg_notify'))).toBe(false);
  });

  it('keys messages by tenant, and platform events by a fixed key', () => {
    const tenantId = randomUUID();
    expect(messageKey(event(tenantId))).toBe(tenantId);
    expect(messageKey(event(null))).toBe('platform');
  });
});
