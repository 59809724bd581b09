import { randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, JsonResponse, startApp } from '@rag/testing';
import {
  CreatedTenantBody,
  eventTypes,
  identityApi,
  PageBody as Page,
  SYSTEM,
  snapshot,
  TenantBody,
  uniqueName,
} from './support/identity-api';

type PageBody = Page<TenantBody>;

describe('identity tenants API', () => {
  let identity: AppProcess;
  let existing: TenantBody;
  let deleted: TenantBody;
  const { call, expectRejected, sendRaw, createTenant } = identityApi(() => identity);

  async function create(body: Record<string, unknown> = {}): Promise<TenantBody> {
    return (await createTenant(body)).tenant;
  }

  beforeAll(async () => {
    identity = await startApp('identity');
    existing = await create({ name: uniqueName('existing') });
    deleted = await create({ name: uniqueName('deleted') });
    expect((await call('DELETE', `/tenants/${deleted.id}`)).status).toBe(200);
  });

  afterAll(async () => {
    await identity?.stop();
    await closePools();
  });

  describe('rejects bad input with a JSON 4xx and changes nothing', () => {
    const fieldCases: [string, Record<string, unknown>][] = [
      ['empty name', { name: '' }],
      ['whitespace-only name', { name: '  \t ' }],
      ['201-character name', { name: 'x'.repeat(201) }],
      ['numeric name', { name: 42 }],
      ['array name', { name: ['a'] }],
      ['null name', { name: null }],
      ['NUL in name', { name: 'bad\u0000name' }],
      ['newline in name', { name: 'bad\nname' }],
      ['DEL in name', { name: 'bad\u007fname' }],
      ['unknown field', { plan: 'gold' }],
      ['retentionDays 0', { retentionDays: 0 }],
      ['retentionDays -1', { retentionDays: -1 }],
      ['retentionDays 36501', { retentionDays: 36501 }],
      ['retentionDays 1.5', { retentionDays: 1.5 }],
      ['retentionDays "30"', { retentionDays: '30' }],
      ['retentionDays null', { retentionDays: null }],
      ['metadata array', { metadata: [1, 2] }],
      ['metadata string', { metadata: 'x' }],
      ['metadata null', { metadata: null }],
      ['metadata over 16KB', { metadata: { blob: 'x'.repeat(16 * 1024) } }],
    ];

    it.each(fieldCases)('POST /tenants with %s: 400', async (_, fields) => {
      await expectRejected(400, 'validation_failed', () => call('POST', '/tenants', { name: uniqueName(), ...fields }));
    });

    const patchCases = [
      ...fieldCases,
      ['status deleted', { status: 'deleted' }],
      ['status null', { status: null }],
    ] as const;
    it.each(patchCases)('PATCH /tenants/:id with %s: 400', async (_, fields) => {
      await expectRejected(400, 'validation_failed', () => call('PATCH', `/tenants/${existing.id}`, fields));
    });

    it('POST /tenants without a name: 400', async () => {
      await expectRejected(400, 'validation_failed', () => call('POST', '/tenants', { retentionDays: 30 }));
    });

    it('PATCH /tenants/:id with {}: 400 empty_update', async () => {
      await expectRejected(400, 'empty_update', () => call('PATCH', `/tenants/${existing.id}`, {}));
    });

    it.each([
      ['malformed JSON', '{"name": "half'],
      ['an empty body', ''],
      ['a JSON array', JSON.stringify([{ name: uniqueName() }])],
      ['a JSON string', '"just a string"'],
      ['JSON null', 'null'],
      ['a __proto__ key', `{"name":"${uniqueName()}","__proto__":{"admin":true}}`],
    ])('POST and PATCH with %s: 400', async (_, body) => {
      await expectRejected(400, undefined, () => call('POST', '/tenants', body));
      await expectRejected(400, undefined, () => call('PATCH', `/tenants/${existing.id}`, body));
    });

    it.each([
      ['text/plain', `{"name":"${uniqueName()}"}`],
      ['application/x-www-form-urlencoded', `name=${uniqueName()}`],
      ['application/xml', '<tenant><name>x</name></tenant>'],
    ])('POST and PATCH with content type %s: 415 or 400, as JSON', async (contentType, body) => {
      for (const [method, path] of [
        ['POST', '/tenants'],
        ['PATCH', `/tenants/${existing.id}`],
      ]) {
        const before = await snapshot();
        const response = await sendRaw(method, path, body, contentType);
        expect([400, 415]).toContain(response.status);
        expect(response.contentType).toMatch(/^application\/json/);
        expect(response.body.error.code).toEqual(expect.any(String));
        expect(await snapshot()).toEqual(before);
      }
    });

    it('POST and PATCH with a body over 1 MiB: 413', async () => {
      const metadata = { blob: 'x'.repeat(1024 * 1024) };
      await expectRejected(413, 'payload_too_large', () => call('POST', '/tenants', { name: uniqueName(), metadata }));
      await expectRejected(413, 'payload_too_large', () => call('PATCH', `/tenants/${existing.id}`, { metadata }));
    });

    const endpoints = (): [string, string, unknown][] => [
      ['POST', '/tenants', { name: uniqueName() }],
      ['GET', '/tenants', undefined],
      ['GET', `/tenants/${existing.id}`, undefined],
      ['PATCH', `/tenants/${existing.id}`, { name: uniqueName() }],
      ['DELETE', `/tenants/${existing.id}`, undefined],
    ];
    const badScopes: [string, Record<string, string>, string][] = [
      ['no scope header', {}, 'missing_scope'],
      ['both scope headers', { 'x-tenant-scope': 'all', 'x-tenant-id': randomUUID() }, 'missing_scope'],
      ['x-tenant-scope other than all', { 'x-tenant-scope': 'everything' }, 'missing_scope'],
      ['a non-uuid x-tenant-id', { 'x-tenant-id': 'tenant-1' }, 'invalid_scope'],
    ];
    it.each(badScopes)('every endpoint with %s: 400', async (_, headers, code) => {
      for (const [method, path, body] of endpoints()) {
        await expectRejected(400, code, () => call(method, path, body, headers));
      }
    });

    it.each([
      ['a non-uuid x-actor-id', { 'x-actor-id': 'admin' }],
      ['an unknown x-actor-type', { 'x-actor-type': 'root' }],
    ])('POST, PATCH and DELETE with %s: 400 invalid_actor', async (_, actor) => {
      for (const [method, path, body] of endpoints().filter(([method]) => method !== 'GET')) {
        await expectRejected(400, 'invalid_actor', () => call(method, path, body, { ...SYSTEM, ...actor }));
      }
    });

    it('POST /tenants in a tenant scope: 403', async () => {
      await expectRejected(403, 'system_scope_required', () =>
        call('POST', '/tenants', { name: uniqueName() }, { 'x-tenant-id': existing.id }),
      );
    });

    it.each([
      ['GET', undefined],
      ['PATCH', { name: 'renamed' }],
      ['DELETE', undefined],
    ])('%s /tenants/:id with a non-uuid id: 400, and an unknown uuid: 404', async (method, body) => {
      await expectRejected(400, undefined, () => call(method, '/tenants/not-a-uuid', body));
      await expectRejected(404, 'tenant_not_found', () => call(method, `/tenants/${randomUUID()}`, body));
    });

    it('PATCH or DELETE of a deleted tenant: 409', async () => {
      await expectRejected(409, 'tenant_deleted', () => call('PATCH', `/tenants/${deleted.id}`, { status: 'active' }));
      await expectRejected(409, 'tenant_deleted', () => call('DELETE', `/tenants/${deleted.id}`));
    });

    it('a name another live tenant holds, in any case or padding: 409', async () => {
      const taken = ` ${existing.name.toUpperCase()}  `;
      await expectRejected(409, 'tenant_name_taken', () => call('POST', '/tenants', { name: taken }));
      const other = await create();
      await expectRejected(409, 'tenant_name_taken', () => call('PATCH', `/tenants/${other.id}`, { name: taken }));
    });

    const forged = Buffer.from(JSON.stringify({ createdAt: 'yesterday', id: 'x' })).toString('base64url');
    const badQueries = ['limit=0', 'limit=501', 'limit=abc', 'limit=-1', 'limit=1.5', 'status=gone', 'sort=name'];
    it.each([...badQueries, 'cursor=%%%', 'cursor=bm90LWpzb24', `cursor=${forged}`])(
      'GET /tenants?%s: 400',
      async (query) => {
        await expectRejected(400, undefined, () => call('GET', `/tenants?${query}`));
      },
    );
  });

  describe('happy paths', () => {
    it('creates with defaults and camelCase fields, its quotas and first admin key, in one commit with its events', async () => {
      const name = uniqueName('created');
      const actorId = randomUUID();
      const created = await call<CreatedTenantBody>(
        'POST',
        '/tenants',
        { name: `  ${name} ` },
        { ...SYSTEM, 'x-actor-id': actorId, 'x-actor-type': 'system_admin' },
      );
      expect(created.status).toBe(201);
      const { tenant, apiKey } = created.body;
      expect(created.body).toEqual({
        tenant: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          name,
          status: 'active',
          retentionDays: 365,
          metadata: {},
          createdAt: expect.any(String),
          updatedAt: tenant.createdAt,
        },
        apiKey: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          key: `rag_${apiKey.id.replace(/-/g, '')}_${apiKey.key.slice(-43)}`,
          scope: 'admin',
          expiresAt: null,
        },
      });
      expect(await eventTypes({ tenantId: tenant.id })).toEqual([
        'tenant.created',
        'tenant_quota.updated',
        'api_key.created',
      ]);
      const { rows } = await appPool('identity').query(
        `SELECT DISTINCT payload->'actor'->>'id' AS actor FROM outbox_events WHERE tenant_id = $1`,
        [tenant.id],
      );
      expect(rows).toEqual([{ actor: actorId }]);
      expect((await call('GET', `/tenants/${tenant.id}`)).body).toEqual(tenant);
      expect((await call('GET', `/tenants/${tenant.id}/quotas`)).body).toEqual({
        tenantId: tenant.id,
        maxTokensPerDay: 1_000_000,
        maxIngestionsPerDay: 1000,
        maxStorageBytes: 10_737_418_240,
      });
      expect(await call('POST', '/api-keys/verify', { key: apiKey.key }, {})).toMatchObject({
        status: 200,
        body: { keyId: apiKey.id, tenantId: tenant.id, scope: 'admin', expiresAt: null, systemAdminId: null },
      });

      const custom = await create({ retentionDays: 36500, metadata: { plan: 'gold', tags: ['a'] } });
      expect(custom).toMatchObject({ retentionDays: 36500, metadata: { plan: 'gold', tags: ['a'] } });
    });

    it('renames, suspends, reactivates and deletes, with one event each', async () => {
      const tenant = await create();
      const path = `/tenants/${tenant.id}`;
      const renamed = await call<TenantBody>('PATCH', path, { name: `${tenant.name}-renamed`, retentionDays: 30 });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: `${tenant.name}-renamed`, retentionDays: 30, status: 'active' });
      expect((await call<TenantBody>('PATCH', path, { status: 'suspended' })).body.status).toBe('suspended');
      expect((await call<TenantBody>('GET', path)).body.status).toBe('suspended');
      expect((await call<TenantBody>('PATCH', path, { status: 'active' })).body.status).toBe('active');
      const removed = await call<TenantBody>('DELETE', path);
      expect(removed).toMatchObject({ status: 200, body: { id: tenant.id, status: 'deleted' } });
      expect((await call<TenantBody>('GET', path)).body.status).toBe('deleted');
      expect(await eventTypes({ tenantId: tenant.id })).toEqual([
        'tenant.created',
        'tenant_quota.updated',
        'api_key.created',
        'tenant.updated',
        'tenant.suspended',
        'tenant.reactivated',
        'tenant.deleted',
      ]);
      // A deleted tenant's name is free again.
      await create({ name: renamed.body.name.toUpperCase() });
    });

    it('pages through every tenant with limit=2, oldest first, without duplicates or gaps', async () => {
      for (let i = 0; i < 5; i++) await create({ name: uniqueName('page') });
      const seen: TenantBody[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: JsonResponse<PageBody> = await call<PageBody>(
          'GET',
          `/tenants?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBeGreaterThanOrEqual(3);
      const ids = seen.map((tenant) => tenant.id);
      expect(new Set(ids).size).toBe(ids.length);
      const { rows } = await appPool('identity').query<{ id: string }>(
        'SELECT id FROM tenants ORDER BY created_at, id',
      );
      expect(ids).toEqual(rows.map((row) => row.id));
    });

    it('filters the list by status', async () => {
      const suspended = await create();
      await call('PATCH', `/tenants/${suspended.id}`, { status: 'suspended' });
      for (const status of ['active', 'suspended', 'deleted']) {
        const page = await call<PageBody>('GET', `/tenants?status=${status}&limit=500`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeGreaterThan(0);
        expect(page.body.items.every((tenant) => tenant.status === status)).toBe(true);
      }
      const ids = (await call<PageBody>('GET', '/tenants?status=suspended&limit=500')).body.items.map(
        (tenant) => tenant.id,
      );
      expect(ids).toContain(suspended.id);
    });
  });

  describe('tenant isolation', () => {
    let a: TenantBody;
    let b: TenantBody;
    let scopeA: Record<string, string>;

    beforeAll(async () => {
      [a, b] = [await create({ name: uniqueName('tenant-a') }), await create({ name: uniqueName('tenant-b') })];
      scopeA = { 'x-tenant-id': a.id };
    });

    it('reads its own tenant, and lists only itself', async () => {
      expect(await call('GET', `/tenants/${a.id}`, undefined, scopeA)).toMatchObject({ status: 200, body: a });
      expect(await call('GET', `/tenants/${a.id}`, undefined, { 'x-tenant-id': a.id.toUpperCase() })).toMatchObject({
        status: 200,
      });
      const page = await call<PageBody>('GET', '/tenants?limit=500', undefined, scopeA);
      expect(page.body).toEqual({ items: [a], nextCursor: null });
    });

    it('cannot see, change or delete another tenant: 404, and the other is unchanged', async () => {
      await expectRejected(404, 'tenant_not_found', () => call('GET', `/tenants/${b.id}`, undefined, scopeA));
      await expectRejected(404, 'tenant_not_found', () =>
        call('PATCH', `/tenants/${b.id}`, { name: uniqueName() }, scopeA),
      );
      await expectRejected(404, 'tenant_not_found', () =>
        call('PATCH', `/tenants/${b.id}`, { status: 'suspended' }, scopeA),
      );
      await expectRejected(404, 'tenant_not_found', () => call('DELETE', `/tenants/${b.id}`, undefined, scopeA));
      expect((await call('GET', `/tenants/${b.id}`)).body).toEqual(b);
      expect((await call('GET', `/tenants/${a.id}`)).body).toEqual(a);
    });
  });
});
