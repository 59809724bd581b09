import { randomUUID } from 'node:crypto';
import { createEvent, DEAD_LETTER_TOPIC, TenantUpdated, TOPICS } from '@rag/contracts';
import {
  appPool,
  AppProcess,
  closePools,
  expectEventually,
  produceRaw,
  readTopic,
  request,
  startApp,
  testBroker,
  testBrokers,
} from '@rag/testing';
import { createTopics } from '@rag/infra';

interface CreatedTenantBody {
  tenant: { id: string };
}

/** Actions on a resource; a tenant's id is also the id of its tenant_quota resource. */
async function auditActions(resourceId: string): Promise<string[]> {
  const { rows } = await appPool('audit').query<{ action: string }>(
    `SELECT action FROM audit_logs WHERE resource_id = $1 AND resource_type <> 'tenant_quota' ORDER BY created_at, action`,
    [resourceId],
  );
  return rows.map((row) => row.action);
}

async function auditCount(tenantId: string): Promise<{ total: number; distinct: number }> {
  const { rows } = await appPool('audit').query<{ total: number; distinct: number }>(
    'SELECT count(*)::int AS total, count(DISTINCT id)::int AS distinct FROM audit_logs WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0];
}

function tenantEvent(tenantId: string) {
  return createEvent(TenantUpdated, {
    tenantId,
    actor: { id: null, type: 'service', ip: null, userAgent: null },
    resourceId: tenantId,
    data: { changedFields: ['name'] },
  });
}

/** Valid events for one tenant, straight onto identity.events (1,000 per send: a send over 1 MB is refused). */
async function produceEvents(tenantId: string, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 1000) {
    const messages = Array.from({ length: Math.min(1000, count - sent) }, () => ({
      key: tenantId,
      value: JSON.stringify(tenantEvent(tenantId)),
    }));
    await produceRaw(TOPICS.identity, messages);
  }
}

describe('audit trail: identity -> outbox -> Kafka -> audit_logs', () => {
  let identity: AppProcess;
  let audit: AppProcess;

  beforeAll(async () => {
    [identity, audit] = await Promise.all([startApp('identity'), startApp('audit')]);
  });

  afterAll(async () => {
    await Promise.all([identity?.stop(), audit?.stop()]);
    await closePools();
  });

  it('records exactly one row per tenant event, with the actor, ip and user agent', async () => {
    const actorId = randomUUID();
    const headers = {
      'x-tenant-scope': 'all',
      'x-actor-id': actorId,
      'x-actor-type': 'system_admin',
      'user-agent': 'audit-test/1.0',
      'x-forwarded-for': '203.0.113.7',
    };
    const created = await request<CreatedTenantBody>(
      identity.url,
      'POST',
      '/tenants',
      { name: `audited-${randomUUID()}` },
      headers,
    );
    expect(created.status).toBe(201);
    const id = created.body.tenant.id;
    expect((await request(identity.url, 'PATCH', `/tenants/${id}`, { name: `renamed-${id}` }, headers)).status).toBe(
      200,
    );
    expect((await request(identity.url, 'PATCH', `/tenants/${id}`, { status: 'suspended' }, headers)).status).toBe(200);
    expect((await request(identity.url, 'PATCH', `/tenants/${id}`, { status: 'active' }, headers)).status).toBe(200);
    expect((await request(identity.url, 'DELETE', `/tenants/${id}`, undefined, headers)).status).toBe(200);

    const expected = ['tenant.created', 'tenant.updated', 'tenant.suspended', 'tenant.reactivated', 'tenant.deleted'];
    await expectEventually(async () => expect(await auditActions(id)).toHaveLength(expected.length), 20_000);
    expect(new Set(await auditActions(id))).toEqual(new Set(expected));

    const { rows } = await appPool('audit').query(
      `SELECT tenant_id, actor_id, ip_address, user_agent, resource_type FROM audit_logs WHERE resource_id = $1 AND resource_type = 'tenant'`,
      [id],
    );
    for (const row of rows) {
      expect(row).toEqual({
        tenant_id: id,
        actor_id: actorId,
        ip_address: '203.0.113.7',
        user_agent: 'audit-test/1.0',
        resource_type: 'tenant',
      });
    }
    const outbox = await appPool('identity').query<{ id: string }>(
      'SELECT id FROM outbox_events WHERE tenant_id = $1',
      [id],
    );
    const audited = await appPool('audit').query<{ id: string }>('SELECT id FROM audit_logs WHERE tenant_id = $1', [
      id,
    ]);
    expect(audited.rows.map((row) => row.id).sort()).toEqual(outbox.rows.map((row) => row.id).sort());

    // Nothing arrives late as a duplicate.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await auditActions(id)).toHaveLength(expected.length);

    const published = await fetch(`${identity.url}/metrics`).then((response) => response.text());
    expect(published).toMatch(/^outbox_events_published_total\{topic="identity.events"\} [1-9]\d*$/m);
    const consumed = await fetch(`${audit.url}/metrics`).then((response) => response.text());
    expect(consumed).toMatch(/^events_consumed_total\{topic="identity.events"\} [1-9]\d*$/m);
  });

  it('reports ready with each dependency, and not ready while Kafka is down', async () => {
    for (const app of [identity, audit]) {
      const ready = await request<{ status: string; details: Record<string, { status: string }> }>(
        app.url,
        'GET',
        '/health/ready',
      );
      expect(ready.status).toBe(200);
      expect(ready.body.details.database.status).toBe('up');
      expect(ready.body.details.kafka.status).toBe('up');
    }
    expect((await request<{ details: object }>(identity.url, 'GET', '/health/ready')).body.details).toHaveProperty(
      'outbox',
    );
    expect((await request<{ details: object }>(audit.url, 'GET', '/health/ready')).body.details).toHaveProperty(
      'consumerLag',
    );

    await testBroker.stop();
    try {
      const down = await request<{ details: Record<string, { status: string }> }>(identity.url, 'GET', '/health/ready');
      expect(down.status).toBe(503);
      expect(down.body.details.kafka.status).toBe('down');
      expect((await request(identity.url, 'GET', '/health/live')).status).toBe(200);
    } finally {
      await testBroker.start();
    }
    await expectEventually(
      async () => expect((await request(identity.url, 'GET', '/health/ready')).status).toBe(200),
      30_000,
    );
  });

  it('writes one row when the same event is delivered twice', async () => {
    const tenantId = randomUUID();
    const event = tenantEvent(tenantId);
    const message = { key: tenantId, value: JSON.stringify(event) };
    await produceRaw(TOPICS.identity, [message]);
    await produceRaw(TOPICS.identity, [message]);
    const marker = tenantEvent(tenantId);
    await produceRaw(TOPICS.identity, [{ key: tenantId, value: JSON.stringify(marker) }]);

    // The previous test restarted the broker: allow the consumer group time to settle again.
    await expectEventually(async () => expect((await auditCount(tenantId)).total).toBe(2), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await auditCount(tenantId)).toEqual({ total: 2, distinct: 2 });
  });

  it('keeps every event written while Kafka is down, and publishes it once the broker returns', async () => {
    await testBroker.stop();
    const ids: string[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const created = await request<CreatedTenantBody>(identity.url, 'POST', '/tenants', {
          name: `offline-${randomUUID()}`,
        });
        expect(created.status).toBe(201);
        ids.push(created.body.tenant.id);
      }
      const pending = await appPool('identity').query(
        'SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = ANY($1) AND sent_at IS NULL',
        [ids],
      );
      // Each tenant: tenant.created, tenant_quota.updated, api_key.created.
      expect(pending.rows[0].n).toBe(30);
    } finally {
      await testBroker.start();
    }
    await expectEventually(
      async () => {
        const { rows } = await appPool('audit').query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = ANY($1)`,
          [ids],
        );
        expect(rows[0].n).toBe(30);
      },
      90_000,
      500,
    );
    const { rows } = await appPool('audit').query(
      'SELECT count(DISTINCT id)::int AS n, count(*)::int AS total FROM audit_logs WHERE tenant_id = ANY($1)',
      [ids],
    );
    expect(rows[0]).toEqual({ n: 30, total: 30 });
  });

  it('loses and doubles nothing when the audit app is killed mid-batch', async () => {
    const tenantId = randomUUID();
    const total = 60_000;
    // A backlog built while audit is down, so the kill lands while batches are in flight.
    await audit.stop();
    try {
      await produceEvents(tenantId, total);
    } finally {
      await audit.restart();
    }
    await expectEventually(async () => expect((await auditCount(tenantId)).total).toBeGreaterThan(0), 30_000, 10);
    await audit.kill();
    const atKill = (await auditCount(tenantId)).total;
    await audit.restart();
    expect(atKill).toBeLessThan(total);

    await expectEventually(async () => expect((await auditCount(tenantId)).total).toBe(total), 90_000, 500);
    expect(await auditCount(tenantId)).toEqual({ total, distinct: total });
  });

  it('loses and doubles nothing when the audit app is stopped gracefully mid-stream', async () => {
    const tenantId = randomUUID();
    await produceEvents(tenantId, 15_000);
    await expectEventually(async () => expect((await auditCount(tenantId)).total).toBeGreaterThan(0), 30_000, 20);
    const stopping = audit.stop();
    try {
      await produceEvents(tenantId, 15_000); // arrives while the consumer shuts down
    } finally {
      await stopping;
      await audit.restart();
    }
    await expectEventually(async () => expect((await auditCount(tenantId)).total).toBe(30_000), 60_000, 500);
    expect(await auditCount(tenantId)).toEqual({ total: 30_000, distinct: 30_000 });
  });

  it('dead-letters malformed messages and keeps consuming', async () => {
    const tenantId = randomUUID();
    const marker = randomUUID();
    await produceRaw(TOPICS.identity, [
      { key: tenantId, value: `not json ${marker}` },
      { key: tenantId, value: JSON.stringify({ id: marker, type: 'tenant.updated' }) },
      { key: tenantId, value: JSON.stringify({ ...tenantEvent(tenantId), data: { changedFields: 'name' }, marker }) },
    ]);
    const valid = tenantEvent(tenantId);
    await produceRaw(TOPICS.identity, [{ key: tenantId, value: JSON.stringify(valid) }]);

    await expectEventually(async () => expect((await auditCount(tenantId)).total).toBe(1));
    const letters = await readTopic(
      DEAD_LETTER_TOPIC,
      (messages) => messages.filter((message) => message.value?.toString().includes(marker)).length === 3,
    );
    const ours = letters.filter((message) => message.value?.toString().includes(marker));
    for (const letter of ours) {
      expect(letter.headers?.['dlq-original-topic']?.toString()).toBe(TOPICS.identity);
      expect(letter.headers?.['dlq-consumer-group']?.toString()).toBe('audit');
      expect(letter.headers?.['dlq-error']?.toString()).toMatch(/invalid|unreadable/);
    }
    expect(ours.map((letter) => letter.headers?.['dlq-error']?.toString()).join('\n')).toMatch(/changedFields/);
  });

  it('audits events of a service whose topic is created after the audit app started', async () => {
    const source = `svc${randomUUID().slice(0, 8)}`;
    const topic = `${source}.events`;
    const resourceId = randomUUID();
    const event = {
      ...tenantEvent(randomUUID()),
      type: 'widget.created',
      source,
      resource: { type: 'widget', id: resourceId },
      data: { anything: 'goes for types this build does not know' },
    };
    await createTopics(testBrokers(), [topic]);
    await produceRaw(topic, [{ key: event.tenantId!, value: JSON.stringify(event) }]);
    await expectEventually(async () => expect(await auditActions(resourceId)).toEqual(['widget.created']), 45_000, 500);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on audit_logs, even on the app's own connection", async () => {
    const db = appPool('audit');
    const before = await db.query('SELECT count(*)::int AS n FROM audit_logs');
    expect(before.rows[0].n).toBeGreaterThan(0);
    await expect(db.query(`UPDATE audit_logs SET action = 'forged'`)).rejects.toThrow(/write-only: UPDATE refused/);
    await expect(db.query('DELETE FROM audit_logs')).rejects.toThrow(/write-only: DELETE refused/);
    await expect(db.query('TRUNCATE audit_logs')).rejects.toThrow(/write-only: TRUNCATE refused/);
    const { rows } = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'audit_logs' LIMIT 1`,
    );
    await expect(db.query(`DELETE FROM ${rows[0].name}`)).rejects.toThrow(/write-only/);
    await expect(db.query(`TRUNCATE ${rows[0].name}`)).rejects.toThrow(/write-only/);
    const after = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE action = 'forged')::int AS forged FROM audit_logs`,
    );
    expect(after.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n);
    expect(after.rows[0].forged).toBe(0);
  });
});
