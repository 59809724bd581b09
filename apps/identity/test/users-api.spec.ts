import { randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, JsonResponse, startApp } from '@rag/testing';
import {
  eventTypes,
  identityApi,
  PageBody,
  SYSTEM,
  TenantBody,
  tenantScope,
  uniqueEmail,
} from './support/identity-api';

interface UserBody {
  id: string;
  tenantId: string;
  email: string;
  role: string;
  status: string;
  createdAt: string;
  lastLoginAt: string | null;
}

describe('identity users API', () => {
  let identity: AppProcess;
  let tenant: TenantBody;
  let other: TenantBody;
  let scope: Record<string, string>;
  let existing: UserBody;
  let deleted: UserBody;
  const { call, expectRejected, createTenant, createUser } = identityApi(() => identity);

  beforeAll(async () => {
    identity = await startApp('identity');
    [tenant, other] = [(await createTenant()).tenant, (await createTenant()).tenant];
    scope = tenantScope(tenant.id);
    existing = (await createUser(tenant.id)) as UserBody;
    deleted = (await createUser(tenant.id)) as UserBody;
    expect((await call('DELETE', `/users/${deleted.id}`, undefined, scope)).status).toBe(200);
  });

  afterAll(async () => {
    await identity?.stop();
    await closePools();
  });

  describe('rejects bad input with a JSON 4xx and changes nothing', () => {
    const createCases: [string, Record<string, unknown>][] = [
      ['no email', { email: undefined }],
      ['an empty email', { email: '' }],
      ['an email without a domain', { email: 'someone@' }],
      ['an email without an @', { email: 'someone.example.com' }],
      ['a display-name email', { email: 'Someone <someone@example.com>' }],
      ['an email over 320 characters', { email: `${'a'.repeat(64)}@${'b'.repeat(250)}.example.com` }],
      ['a numeric email', { email: 42 }],
      ['a null email', { email: null }],
      ['an array email', { email: ['a@example.com'] }],
      ['no role', { role: undefined }],
      ['an unknown role', { role: 'owner' }],
      ['an upper-case role', { role: 'ADMIN' }],
      ['a null role', { role: null }],
      ['an unknown field', { tenantId: randomUUID() }],
      ['a status', { status: 'active' }],
    ];
    it.each(createCases)('POST /users with %s: 400', async (_, fields) => {
      await expectRejected(400, 'validation_failed', () =>
        call('POST', '/users', { email: uniqueEmail(), role: 'user', ...fields }, scope),
      );
    });

    it.each([
      ['an unknown role', { role: 'owner' }],
      ['status deleted', { status: 'deleted' }],
      ['an unknown status', { status: 'gone' }],
      ['a null role', { role: null }],
      ['a null status', { status: null }],
      ['an email', { email: uniqueEmail() }],
      ['an unknown field', { admin: true }],
    ])('PATCH /users/:id with %s: 400', async (_, fields) => {
      await expectRejected(400, 'validation_failed', () => call('PATCH', `/users/${existing.id}`, fields, scope));
    });

    it('PATCH /users/:id with {}: 400 empty_update', async () => {
      await expectRejected(400, 'empty_update', () => call('PATCH', `/users/${existing.id}`, {}, scope));
    });

    it.each(['malformed', '', '[]', 'null', '"text"'])('POST and PATCH with the body %p: 400', async (body) => {
      const raw = body === 'malformed' ? '{"email": "a@' : body;
      await expectRejected(400, undefined, () => call('POST', '/users', raw, scope));
      await expectRejected(400, undefined, () => call('PATCH', `/users/${existing.id}`, raw, scope));
    });

    const endpoints = (): [string, string, unknown][] => [
      ['POST', '/users', { email: uniqueEmail(), role: 'user' }],
      ['GET', '/users', undefined],
      ['GET', `/users/${existing.id}`, undefined],
      ['PATCH', `/users/${existing.id}`, { role: 'admin' }],
      ['DELETE', `/users/${existing.id}`, undefined],
    ];
    it.each([
      ['no scope header', {}, 'missing_scope'],
      ['both scope headers', { 'x-tenant-scope': 'all', 'x-tenant-id': randomUUID() }, 'missing_scope'],
      ['a non-uuid x-tenant-id', { 'x-tenant-id': 'tenant-1' }, 'invalid_scope'],
    ])('every endpoint with %s: 400', async (_, headers, code) => {
      for (const [method, path, body] of endpoints()) {
        await expectRejected(400, code, () => call(method, path, body, headers));
      }
    });

    it('POST /users with a system scope: 403 (a user belongs to one tenant)', async () => {
      await expectRejected(403, 'tenant_scope_required', () =>
        call('POST', '/users', { email: uniqueEmail(), role: 'user' }, SYSTEM),
      );
    });

    it('POST /users for a tenant that does not exist: 404; for a deleted tenant: 409', async () => {
      await expectRejected(404, 'tenant_not_found', () =>
        call('POST', '/users', { email: uniqueEmail(), role: 'user' }, tenantScope(randomUUID())),
      );
      const gone = (await createTenant()).tenant;
      expect((await call('DELETE', `/tenants/${gone.id}`)).status).toBe(200);
      await expectRejected(409, 'tenant_deleted', () =>
        call('POST', '/users', { email: uniqueEmail(), role: 'user' }, tenantScope(gone.id)),
      );
    });

    it.each([
      ['GET', undefined],
      ['PATCH', { role: 'viewer' }],
      ['DELETE', undefined],
    ])('%s /users/:id with a non-uuid id: 400, and an unknown uuid: 404', async (method, body) => {
      await expectRejected(400, undefined, () => call(method, '/users/not-a-uuid', body, scope));
      await expectRejected(404, 'user_not_found', () => call(method, `/users/${randomUUID()}`, body, scope));
    });

    it('PATCH or DELETE of a deleted user: 409', async () => {
      await expectRejected(409, 'user_deleted', () =>
        call('PATCH', `/users/${deleted.id}`, { status: 'active' }, scope),
      );
      await expectRejected(409, 'user_deleted', () => call('DELETE', `/users/${deleted.id}`, undefined, scope));
    });

    it('an email another live user of the tenant has, in any case or padding: 409', async () => {
      const taken = `  ${existing.email.toUpperCase()} `;
      await expectRejected(409, 'user_email_taken', () =>
        call('POST', '/users', { email: taken, role: 'viewer' }, scope),
      );
    });

    const forged = Buffer.from(JSON.stringify({ createdAt: 'yesterday', id: 'x' })).toString('base64url');
    it.each([
      'limit=0',
      'limit=501',
      'limit=x',
      'role=owner',
      'status=gone',
      'email=a',
      'cursor=%%%',
      `cursor=${forged}`,
    ])('GET /users?%s: 400', async (query) => {
      await expectRejected(400, undefined, () => call('GET', `/users?${query}`, undefined, scope));
    });
  });

  describe('happy paths', () => {
    it('creates a user with camelCase fields, in one commit with its event (no email in it)', async () => {
      const email = uniqueEmail('Created');
      const created = await call<UserBody>('POST', '/users', { email: ` ${email} `, role: 'admin' }, scope);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: tenant.id,
        email,
        role: 'admin',
        status: 'active',
        createdAt: expect.any(String),
        lastLoginAt: null,
      });
      expect((await call('GET', `/users/${created.body.id}`, undefined, scope)).body).toEqual(created.body);
      expect(await eventTypes({ resourceId: created.body.id })).toEqual(['user.created']);
      const { rows } = await appPool('identity').query<{ payload: string }>(
        `SELECT payload::text AS payload FROM outbox_events WHERE payload->'resource'->>'id' = $1`,
        [created.body.id],
      );
      expect(rows[0].payload).not.toContain(email.split('@')[0]);
      expect(JSON.parse(rows[0].payload)).toMatchObject({
        tenantId: tenant.id,
        resource: { type: 'user', id: created.body.id },
        data: { role: 'admin', status: 'active' },
      });
    });

    it('changes role and status, one event per real change, and soft-deletes', async () => {
      const user = (await createUser(tenant.id, { role: 'viewer' })) as UserBody;
      const path = `/users/${user.id}`;
      expect((await call<UserBody>('PATCH', path, { role: 'user' }, scope)).body).toMatchObject({ role: 'user' });
      expect((await call<UserBody>('PATCH', path, { role: 'user' }, scope)).status).toBe(200);
      const disabled = await call<UserBody>('PATCH', path, { status: 'disabled', role: 'admin' }, scope);
      expect(disabled.body).toMatchObject({ role: 'admin', status: 'disabled' });
      expect((await call<UserBody>('PATCH', path, { status: 'active' }, scope)).body.status).toBe('active');
      const removed = await call<UserBody>('DELETE', path, undefined, scope);
      expect(removed).toMatchObject({ status: 200, body: { id: user.id, status: 'deleted' } });
      expect((await call<UserBody>('GET', path, undefined, scope)).body.status).toBe('deleted');
      expect(await eventTypes({ resourceId: user.id })).toEqual([
        'user.created',
        'user.updated',
        'user.updated',
        'user.updated',
        'user.deleted',
      ]);
      const { rows } = await appPool('identity').query<{ data: unknown }>(
        `SELECT payload->'data' AS data FROM outbox_events WHERE payload->'resource'->>'id' = $1 AND payload->>'type' = 'user.updated' ORDER BY seq`,
        [user.id],
      );
      expect(rows.map((row) => row.data)).toEqual([
        { changedFields: ['role'], role: 'user', status: 'active' },
        { changedFields: ['role', 'status'], role: 'admin', status: 'disabled' },
        { changedFields: ['status'], role: 'admin', status: 'active' },
      ]);
      // A deleted user's email is free again.
      await createUser(tenant.id, { email: user.email.toUpperCase() });
    });

    it('lets another tenant use the same email', async () => {
      await createUser(other.id, { email: existing.email });
    });

    it('pages through the tenant users with limit=2, oldest first, and filters by role and status', async () => {
      for (const role of ['viewer', 'viewer', 'admin']) await createUser(tenant.id, { role });
      const seen: UserBody[] = [];
      let cursor: string | null = null;
      do {
        const page: JsonResponse<PageBody<UserBody>> = await call<PageBody<UserBody>>(
          'GET',
          `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          undefined,
          scope,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      const { rows } = await appPool('identity').query<{ id: string }>(
        'SELECT id FROM users WHERE tenant_id = $1 ORDER BY created_at, id',
        [tenant.id],
      );
      expect(seen.map((user) => user.id)).toEqual(rows.map((row) => row.id));

      const viewers = await call<PageBody<UserBody>>('GET', '/users?role=viewer&status=active', undefined, scope);
      expect(viewers.body.items.length).toBeGreaterThanOrEqual(2);
      expect(viewers.body.items.every((user) => user.role === 'viewer' && user.status === 'active')).toBe(true);
      const gone = await call<PageBody<UserBody>>('GET', '/users?status=deleted', undefined, scope);
      expect(gone.body.items.map((user) => user.id)).toContain(deleted.id);
    });
  });

  describe('tenant isolation', () => {
    it("cannot see, change or delete another tenant's user: 404, and it is unchanged", async () => {
      const otherScope = tenantScope(other.id);
      const before = (await call('GET', `/users/${existing.id}`, undefined, scope)).body;
      await expectRejected(404, 'user_not_found', () => call('GET', `/users/${existing.id}`, undefined, otherScope));
      await expectRejected(404, 'user_not_found', () =>
        call('PATCH', `/users/${existing.id}`, { role: 'admin' }, otherScope),
      );
      await expectRejected(404, 'user_not_found', () =>
        call('PATCH', `/users/${existing.id}`, { status: 'disabled' }, otherScope),
      );
      await expectRejected(404, 'user_not_found', () => call('DELETE', `/users/${existing.id}`, undefined, otherScope));
      expect((await call('GET', `/users/${existing.id}`, undefined, scope)).body).toEqual(before);
    });

    it("lists only the tenant's own users; a system scope sees every tenant's", async () => {
      const mine = await call<PageBody<UserBody>>('GET', '/users?limit=500', undefined, tenantScope(other.id));
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((user) => user.tenantId === other.id)).toBe(true);
      const all = await call<PageBody<UserBody>>('GET', '/users?limit=500', undefined, SYSTEM);
      expect(all.body.items.map((user) => user.tenantId)).toEqual(expect.arrayContaining([tenant.id, other.id]));
    });
  });
});
