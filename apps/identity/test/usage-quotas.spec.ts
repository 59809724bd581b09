import { randomUUID } from 'node:crypto';
import { createEvent, EventEnvelope, SERVICE_ACTOR, TOPICS, UsageRecorded, UsageRecordedData } from '@rag/contracts';
import { appPool, AppProcess, closePools, expectEventually, produceRaw, startApp } from '@rag/testing';
import { eventTypes, identityApi, SYSTEM, tenantScope } from './support/identity-api';

interface QuotaUsage {
  used: number;
  limit: number;
}
interface TodayBody {
  tokens: QuotaUsage;
  ingestions: QuotaUsage;
  storage: QuotaUsage;
}
interface UsageBody {
  items: { date: string; tokensUsed: number; requests: number; ingestions: number; storageUsed: number }[];
  quotas: Record<string, unknown>;
  today: TodayBody;
}
type QuotaStatusBody = TodayBody & { exceeded: string[] };

const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function usageEvent(tenantId: string, data: Partial<UsageRecordedData>, occurredAt?: Date) {
  return createEvent(UsageRecorded, {
    tenantId,
    actor: SERVICE_ACTOR,
    resourceId: tenantId,
    data: { requests: 0, tokens: 0, storageBytes: 0, ...data },
    occurredAt,
  });
}

async function produce(...events: EventEnvelope<UsageRecordedData>[]): Promise<void> {
  await produceRaw(
    TOPICS.gateway,
    events.map((event) => ({ key: event.tenantId, value: JSON.stringify(event) })),
  );
}

describe('identity quotas, usage metering and quota status', () => {
  let identity: AppProcess;
  const { call, expectRejected, createTenant } = identityApi(() => identity);
  const usage = (tenantId: string, query = '') =>
    call<UsageBody>('GET', `/usage${query}`, undefined, tenantScope(tenantId));
  const quotaStatus = (tenantId: string) =>
    call<QuotaStatusBody>('GET', '/quota-status', undefined, tenantScope(tenantId));

  beforeAll(async () => {
    identity = await startApp('identity');
  });

  afterAll(async () => {
    await identity?.stop();
    await closePools();
  });

  describe('quotas', () => {
    const limits = { maxTokensPerDay: 500, maxIngestionsPerDay: 7, maxStorageBytes: 2 ** 40 };

    it('sets every limit (system scope), once per real change, and reads them', async () => {
      const { tenant } = await createTenant();
      const path = `/tenants/${tenant.id}/quotas`;
      const set = await call('PUT', path, limits);
      expect(set).toMatchObject({ status: 200, body: { tenantId: tenant.id, ...limits } });
      expect((await call('PUT', path, limits)).status).toBe(200);
      expect(await call('GET', path, undefined, tenantScope(tenant.id))).toMatchObject({ status: 200, body: set.body });
      expect(await eventTypes({ tenantId: tenant.id })).toEqual([
        'tenant.created',
        'tenant_quota.updated',
        'api_key.created',
        'tenant_quota.updated',
      ]);
      const zero = { maxTokensPerDay: 0, maxIngestionsPerDay: 0, maxStorageBytes: Number.MAX_SAFE_INTEGER };
      expect((await call('PUT', path, zero)).body).toEqual({ tenantId: tenant.id, ...zero });
    });

    it.each([
      ['a negative limit', { maxTokensPerDay: -1 }],
      ['a fractional limit', { maxIngestionsPerDay: 1.5 }],
      ['a string limit', { maxStorageBytes: '100' }],
      ['a null limit', { maxTokensPerDay: null }],
      ['a missing limit', { maxStorageBytes: undefined }],
      ['ingestions over INT', { maxIngestionsPerDay: 2 ** 31 }],
      ['tokens over 2^53', { maxTokensPerDay: 2 ** 53 }],
      ['an unknown field', { maxUsers: 3 }],
    ])('PUT quotas with %s: 400', async (_, fields) => {
      const { tenant } = await createTenant();
      await expectRejected(400, 'validation_failed', () =>
        call('PUT', `/tenants/${tenant.id}/quotas`, { ...limits, ...fields }),
      );
    });

    it('PUT quotas needs a system scope and a live tenant; GET sees only its own tenant', async () => {
      const [{ tenant: a }, { tenant: b }] = [await createTenant(), await createTenant()];
      await expectRejected(403, 'system_scope_required', () =>
        call('PUT', `/tenants/${a.id}/quotas`, limits, tenantScope(a.id)),
      );
      await expectRejected(404, 'tenant_not_found', () => call('PUT', `/tenants/${randomUUID()}/quotas`, limits));
      await expectRejected(400, undefined, () => call('PUT', '/tenants/nope/quotas', limits));
      await expectRejected(404, 'tenant_not_found', () =>
        call('GET', `/tenants/${b.id}/quotas`, undefined, tenantScope(a.id)),
      );
      expect((await call('DELETE', `/tenants/${b.id}`)).status).toBe(200);
      await expectRejected(409, 'tenant_deleted', () => call('PUT', `/tenants/${b.id}/quotas`, limits));
    });
  });

  describe('usage metering', () => {
    it('adds usage.recorded events to the day they occurred on, each event once', async () => {
      const { tenant } = await createTenant();
      const first = usageEvent(tenant.id, { requests: 3, tokens: 120, storageBytes: 1000 });
      await produce(first, first);
      await produce(usageEvent(tenant.id, { requests: 1, tokens: 30, storageBytes: -200 }), first);
      await expectEventually(async () => expect((await usage(tenant.id)).body.today.tokens.used).toBe(150));
      // Redeliveries arriving later change nothing either.
      await produce(first);
      const marker = usageEvent(tenant.id, { requests: 1 });
      await produce(marker);
      await expectEventually(async () => expect((await usage(tenant.id)).body.items.at(-1)?.requests).toBe(5));

      const body = (await usage(tenant.id)).body;
      expect(body.items).toHaveLength(30);
      expect(body.items.at(-1)).toEqual({ date: day(), tokensUsed: 150, requests: 5, ingestions: 0, storageUsed: 800 });
      expect(body.items[0]).toEqual({ date: day(-29), tokensUsed: 0, requests: 0, ingestions: 0, storageUsed: 0 });
      expect(body.today).toEqual({
        tokens: { used: 150, limit: 1_000_000 },
        ingestions: { used: 0, limit: 1000 },
        storage: { used: 800, limit: 10_737_418_240 },
      });
      expect(body.quotas).toEqual({
        tenantId: tenant.id,
        maxTokensPerDay: 1_000_000,
        maxIngestionsPerDay: 1000,
        maxStorageBytes: 10_737_418_240,
      });
      const { rows } = await appPool('identity').query(
        `SELECT count(*)::int AS n FROM processed_events WHERE consumer_group = 'identity' AND event_id = $1`,
        [first.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('keeps storage a running level: an earlier day carries into later days, also when it arrives late', async () => {
      const { tenant } = await createTenant();
      const at = (offset: number) => new Date(Date.now() + offset * 86_400_000);
      await produce(usageEvent(tenant.id, { storageBytes: 500, tokens: 5 }, at(-3)));
      await produce(usageEvent(tenant.id, { storageBytes: 100, tokens: 7 }));
      await produce(usageEvent(tenant.id, { storageBytes: 40, tokens: 11 }, at(-5)));
      await expectEventually(async () => expect((await usage(tenant.id)).body.today.storage.used).toBe(640));
      const items = (await usage(tenant.id, `?from=${day(-6)}&to=${day()}`)).body.items;
      expect(items.map((item) => [item.tokensUsed, item.storageUsed])).toEqual([
        [0, 0],
        [11, 40],
        [0, 40],
        [5, 540],
        [0, 540],
        [0, 540],
        [7, 640],
      ]);
      const later = await usage(tenant.id, `?from=${day(-2)}&to=${day(-1)}`);
      expect(later.body.items.map((item) => item.storageUsed)).toEqual([540, 540]);
    });

    it('dead-letters nothing and loses nothing for a day years back (the default partition takes it)', async () => {
      const { tenant } = await createTenant();
      await produce(usageEvent(tenant.id, { tokens: 9 }, new Date('2019-06-15T12:00:00Z')));
      await expectEventually(async () =>
        expect((await usage(tenant.id, '?from=2019-06-15&to=2019-06-15')).body.items[0].tokensUsed).toBe(9),
      );
      const { rows } = await appPool('identity').query(
        `SELECT tableoid::regclass::text AS partition FROM usage_metrics WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(rows).toEqual([{ partition: 'usage_metrics_default' }]);
    });

    it('reports a quota as exceeded once its usage reaches the limit', async () => {
      const { tenant } = await createTenant();
      await call('PUT', `/tenants/${tenant.id}/quotas`, {
        maxTokensPerDay: 100,
        maxIngestionsPerDay: 5,
        maxStorageBytes: 1000,
      });
      expect((await quotaStatus(tenant.id)).body).toEqual({
        tokens: { used: 0, limit: 100 },
        ingestions: { used: 0, limit: 5 },
        storage: { used: 0, limit: 1000 },
        exceeded: [],
      });
      await produce(usageEvent(tenant.id, { tokens: 99, storageBytes: 1000 }));
      await expectEventually(async () => expect((await quotaStatus(tenant.id)).body.tokens.used).toBe(99));
      expect((await quotaStatus(tenant.id)).body.exceeded).toEqual(['storage']);
      await produce(usageEvent(tenant.id, { tokens: 1, storageBytes: -1 }));
      await expectEventually(async () =>
        expect((await quotaStatus(tenant.id)).body).toMatchObject({
          tokens: { used: 100, limit: 100 },
          storage: { used: 999, limit: 1000 },
          exceeded: ['tokens'],
        }),
      );
      await call('PUT', `/tenants/${tenant.id}/quotas`, {
        maxTokensPerDay: 0,
        maxIngestionsPerDay: 0,
        maxStorageBytes: 0,
      });
      expect((await quotaStatus(tenant.id)).body.exceeded).toEqual(['tokens', 'ingestions', 'storage']);
    });

    it('keeps usage_metrics partitions ready three months ahead, and a default one', async () => {
      const { rows } = await appPool('identity').query<{ name: string }>(
        `SELECT child.relname AS name FROM pg_inherits
           JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
           JOIN pg_class child ON child.oid = pg_inherits.inhrelid
          WHERE parent.relname = 'usage_metrics'`,
      );
      const names = rows.map((row) => row.name);
      const now = new Date();
      for (let ahead = 0; ahead <= 3; ahead++) {
        const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
        const suffix = `${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
        expect(names).toContain(`usage_metrics_p${suffix}`);
      }
      expect(names).toContain('usage_metrics_default');
    });
  });

  describe('usage and quota-status requests', () => {
    let tenantId: string;

    beforeAll(async () => {
      tenantId = (await createTenant()).tenant.id;
    });

    it('answers any range up to 366 days, both ends included', async () => {
      expect((await usage(tenantId, '?from=2028-01-01&to=2028-12-31')).body.items).toHaveLength(366);
      expect((await usage(tenantId, `?from=${day()}`)).body.items).toEqual([
        { date: day(), tokensUsed: 0, requests: 0, ingestions: 0, storageUsed: 0 },
      ]);
      expect((await usage(tenantId, '?to=2026-03-01')).body.items[0].date).toBe('2026-01-31');
    });

    it.each([
      ['from=2026-02-30', 'validation_failed'],
      ['to=2026-13-01', 'validation_failed'],
      ['from=yesterday', 'validation_failed'],
      ['from=2026-01-01T00:00:00Z', 'validation_failed'],
      ['limit=5', 'validation_failed'],
      ['from=2026-01-02&to=2026-01-01', 'invalid_range'],
      ['from=2026-01-01&to=2027-01-02', 'invalid_range'],
    ])('GET /usage?%s: 400 %s', async (query, code) => {
      await expectRejected(400, code, () => call('GET', `/usage?${query}`, undefined, tenantScope(tenantId)));
    });

    it('needs a tenant scope: 403 with a system scope, 400 without one, 404 for an unknown tenant', async () => {
      for (const path of ['/usage', '/quota-status']) {
        await expectRejected(403, 'tenant_scope_required', () => call('GET', path, undefined, SYSTEM));
        await expectRejected(400, 'missing_scope', () => call('GET', path, undefined, {}));
        await expectRejected(404, 'tenant_not_found', () => call('GET', path, undefined, tenantScope(randomUUID())));
      }
    });
  });
});
