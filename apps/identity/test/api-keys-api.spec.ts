import { randomBytes, randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, JsonResponse, startApp } from '@rag/testing';
import {
  CreatedTenantBody,
  ErrorBody,
  eventTypes,
  identityApi,
  IssuedKeyBody,
  PageBody,
  SYSTEM,
  tenantScope,
} from './support/identity-api';

interface KeyBody {
  id: string;
  name: string | null;
  scope: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface VerifiedBody {
  keyId: string;
  tenantId: string | null;
  scope: string;
  expiresAt: string | null;
  systemAdminId: string | null;
}

/** A bootstrap key in no platform format, as an operator would set SYSTEM_ADMIN_KEY. */
const SYSTEM_ADMIN_KEY = `Operator-Chosen/Key+${randomBytes(16).toString('hex')}`;
const SYSTEM_ADMIN_EMAIL = `api-keys-${randomBytes(4).toString('hex')}@example.com`;
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

describe('identity api keys API', () => {
  let identity: AppProcess;
  let tenant: CreatedTenantBody;
  let other: CreatedTenantBody;
  let scope: Record<string, string>;
  const { call, expectRejected, createTenant, issueKey } = identityApi(() => identity);
  const verify = (key: unknown) => call<VerifiedBody & ErrorBody>('POST', '/api-keys/verify', { key }, {});

  async function expectVerifyRefused(key: string, status: number, code: string): Promise<void> {
    await expectRejected(status, code, () => verify(key));
  }

  beforeAll(async () => {
    // An admin of its own: a new SYSTEM_ADMIN_KEY revokes its admin's previous key, and the other
    // suites' stacks share the default admin (and this database).
    identity = await startApp('identity', {
      SYSTEM_ADMIN_KEY,
      SYSTEM_ADMIN_EMAIL,
    });
    [tenant, other] = [await createTenant(), await createTenant()];
    scope = tenantScope(tenant.tenant.id);
  });

  afterAll(async () => {
    await identity?.stop();
    await closePools();
  });

  describe('issue', () => {
    it('issues a key of each tenant scope, shown once, with its event', async () => {
      for (const keyScope of ['read', 'write', 'admin']) {
        const issued = await call<IssuedKeyBody>('POST', '/api-keys', { scope: keyScope }, scope);
        expect(issued.status).toBe(201);
        expect(issued.body).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          key: expect.stringMatching(/^rag_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/),
          scope: keyScope,
          expiresAt: null,
        });
        expect(issued.body.key.slice(4, 36)).toBe(issued.body.id.replace(/-/g, ''));
        expect(await eventTypes({ resourceId: issued.body.id })).toEqual(['api_key.created']);
      }
    });

    it('takes a name and a future expiry', async () => {
      const expiresAt = inAnHour();
      const issued = await issueKey(tenant.tenant.id, { scope: 'write', expiresAt, name: '  ci pipeline ' });
      expect(issued).toMatchObject({ scope: 'write', expiresAt });
      const listed = await call<PageBody<KeyBody>>('GET', '/api-keys?limit=500', undefined, scope);
      expect(listed.body.items.find((key) => key.id === issued.id)).toEqual({
        id: issued.id,
        name: 'ci pipeline',
        scope: 'write',
        createdAt: expect.any(String),
        expiresAt,
        revokedAt: null,
      });
      const offset = await issueKey(tenant.tenant.id, { scope: 'read', expiresAt: '2999-01-01T01:00:00+01:00' });
      expect(offset.expiresAt).toBe('2999-01-01T00:00:00.000Z');
    });

    it.each([
      ['no scope', {}],
      ['scope system', { scope: 'system' }],
      ['an unknown scope', { scope: 'owner' }],
      ['a null scope', { scope: null }],
      ['a past expiry', { scope: 'read', expiresAt: '2020-01-01T00:00:00Z' }],
      ['an expiry without a zone', { scope: 'read', expiresAt: '2999-01-01T00:00:00' }],
      ['an expiry that is no date', { scope: 'read', expiresAt: 'tomorrow' }],
      ['an impossible expiry', { scope: 'read', expiresAt: '2999-02-30T00:00:00Z' }],
      ['a numeric expiry', { scope: 'read', expiresAt: 4102444800 }],
      ['a null expiry', { scope: 'read', expiresAt: null }],
      ['an empty name', { scope: 'read', name: ' ' }],
      ['a 201-character name', { scope: 'read', name: 'n'.repeat(201) }],
      ['a control character in the name', { scope: 'read', name: 'a\u0000b' }],
      ['a null name', { scope: 'read', name: null }],
      ['an unknown field', { scope: 'read', tenantId: randomUUID() }],
      ['a key of its own', { scope: 'read', key: `rag_${'0'.repeat(32)}_${'a'.repeat(43)}` }],
    ])('POST /api-keys with %s: 400', async (_, body) => {
      await expectRejected(400, 'validation_failed', () => call('POST', '/api-keys', body, scope));
    });

    it('POST /api-keys with a system scope: 403; for an unknown tenant: 404; a deleted one: 409', async () => {
      await expectRejected(403, 'tenant_scope_required', () => call('POST', '/api-keys', { scope: 'read' }, SYSTEM));
      await expectRejected(404, 'tenant_not_found', () =>
        call('POST', '/api-keys', { scope: 'read' }, tenantScope(randomUUID())),
      );
      const gone = await createTenant();
      expect((await call('DELETE', `/tenants/${gone.tenant.id}`)).status).toBe(200);
      await expectRejected(409, 'tenant_deleted', () =>
        call('POST', '/api-keys', { scope: 'read' }, tenantScope(gone.tenant.id)),
      );
    });

    it.each([
      ['no scope header', {}, 'missing_scope'],
      ['a non-uuid x-tenant-id', { 'x-tenant-id': 'tenant-1' }, 'invalid_scope'],
    ])('POST, GET and DELETE /api-keys with %s: 400', async (_, headers, code) => {
      await expectRejected(400, code, () => call('POST', '/api-keys', { scope: 'read' }, headers));
      await expectRejected(400, code, () => call('GET', '/api-keys', undefined, headers));
      await expectRejected(400, code, () => call('DELETE', `/api-keys/${tenant.apiKey.id}`, undefined, headers));
    });
  });

  describe('list', () => {
    it('pages through the tenant keys without secrets or hashes, and filters by scope', async () => {
      const seen: KeyBody[] = [];
      let cursor: string | null = null;
      do {
        const page: JsonResponse<PageBody<KeyBody>> = await call<PageBody<KeyBody>>(
          'GET',
          `/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          undefined,
          scope,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      const { rows } = await appPool('identity').query<{ id: string }>(
        'SELECT id FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id',
        [tenant.tenant.id],
      );
      expect(seen.map((key) => key.id)).toEqual(rows.map((row) => row.id));
      for (const key of seen) {
        expect(Object.keys(key).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'name', 'revokedAt', 'scope']);
      }
      const admins = await call<PageBody<KeyBody>>('GET', '/api-keys?scope=admin', undefined, scope);
      expect(admins.body.items.length).toBeGreaterThanOrEqual(2);
      expect(admins.body.items.every((key) => key.scope === 'admin')).toBe(true);
    });

    it.each(['limit=0', 'scope=owner', 'revoked=true', 'cursor=%%%'])('GET /api-keys?%s: 400', async (query) => {
      await expectRejected(400, undefined, () => call('GET', `/api-keys?${query}`, undefined, scope));
    });

    it("lists only the tenant's own keys", async () => {
      const page = await call<PageBody<KeyBody>>('GET', '/api-keys?limit=500', undefined, tenantScope(other.tenant.id));
      expect(page.body.items.map((key) => key.id)).toEqual([other.apiKey.id]);
    });
  });

  describe('revoke', () => {
    it('revokes once (409 the second time), with an api_key.revoked event', async () => {
      const issued = await issueKey(tenant.tenant.id, { scope: 'write' });
      const revoked = await call<KeyBody>('DELETE', `/api-keys/${issued.id}`, undefined, scope);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: issued.id, scope: 'write', revokedAt: expect.any(String) });
      await expectRejected(409, 'api_key_revoked', () => call('DELETE', `/api-keys/${issued.id}`, undefined, scope));
      expect(await eventTypes({ resourceId: issued.id })).toEqual(['api_key.created', 'api_key.revoked']);
      const { rows } = await appPool('identity').query(
        `SELECT payload->'tenantId' AS "tenantId", payload->'resource' AS resource, payload->'data' AS data
           FROM outbox_events WHERE payload->'resource'->>'id' = $1 ORDER BY seq`,
        [issued.id],
      );
      expect(rows).toEqual([
        {
          tenantId: tenant.tenant.id,
          resource: { type: 'api_key', id: issued.id },
          data: { scope: 'write', expiresAt: null },
        },
        { tenantId: tenant.tenant.id, resource: { type: 'api_key', id: issued.id }, data: { scope: 'write' } },
      ]);
    });

    it("cannot revoke another tenant's key (404, and it still works), nor an unknown or non-uuid id", async () => {
      await expectRejected(404, 'api_key_not_found', () =>
        call('DELETE', `/api-keys/${other.apiKey.id}`, undefined, scope),
      );
      expect((await verify(other.apiKey.key)).status).toBe(200);
      await expectRejected(404, 'api_key_not_found', () =>
        call('DELETE', `/api-keys/${randomUUID()}`, undefined, scope),
      );
      await expectRejected(400, undefined, () => call('DELETE', '/api-keys/not-a-uuid', undefined, scope));
    });
  });

  describe('verify', () => {
    it('answers who a valid key acts for, without scope headers', async () => {
      const expiresAt = inAnHour();
      const issued = await issueKey(tenant.tenant.id, { scope: 'read', expiresAt });
      expect(await verify(issued.key)).toMatchObject({
        status: 200,
        body: { keyId: issued.id, tenantId: tenant.tenant.id, scope: 'read', expiresAt, systemAdminId: null },
      });
    });

    it.each([
      ['an empty string', ''],
      ['a short string', 'abc'],
      ['31 characters', 'k'.repeat(31)],
      ['a rag_ prefix with junk', 'rag_xyz'],
      ['a platform key with a short secret', `rag_${'0'.repeat(32)}_${'a'.repeat(42)}`],
      ['a platform key with upper-case hex', `rag_${'A'.repeat(32)}_${'a'.repeat(43)}`],
      ['a string with spaces', 'Bearer with spaces in it and more than 32 chars'],
      ['1,000 characters', 'k'.repeat(1000)],
    ])('refuses %s: 401 malformed_key', async (_, key) => {
      await expectVerifyRefused(key, 401, 'malformed_key');
    });

    it('refuses an unknown key, a wrong secret and an unknown bootstrap string alike: 401 unknown_key', async () => {
      await expectVerifyRefused(
        `rag_${randomUUID().replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`,
        401,
        'unknown_key',
      );
      const wrongSecret = `${tenant.apiKey.key.slice(0, 37)}${randomBytes(32).toString('base64url')}`;
      await expectVerifyRefused(wrongSecret, 401, 'unknown_key');
      await expectVerifyRefused(`${SYSTEM_ADMIN_KEY}x`, 401, 'unknown_key');
      // The platform-key secret alone is no bootstrap key.
      await expectVerifyRefused(tenant.apiKey.key.slice(37), 401, 'unknown_key');
    });

    it('refuses a revoked key: 401 revoked_key', async () => {
      const issued = await issueKey(tenant.tenant.id);
      expect((await call('DELETE', `/api-keys/${issued.id}`, undefined, scope)).status).toBe(200);
      await expectVerifyRefused(issued.key, 401, 'revoked_key');
    });

    it('refuses an expired key: 401 expired_key', async () => {
      const issued = await issueKey(tenant.tenant.id, { scope: 'read', expiresAt: inAnHour() });
      await appPool('identity').query(
        `UPDATE api_keys SET expires_at = (now() AT TIME ZONE 'utc') - interval '1 second' WHERE id = $1`,
        [issued.id],
      );
      await expectVerifyRefused(issued.key, 401, 'expired_key');
    });

    it('refuses the keys of a suspended or deleted tenant (403), and accepts them again once it is reactivated', async () => {
      const target = await createTenant();
      const path = `/tenants/${target.tenant.id}`;
      expect((await call('PATCH', path, { status: 'suspended' })).status).toBe(200);
      await expectVerifyRefused(target.apiKey.key, 403, 'tenant_suspended');
      expect((await call('PATCH', path, { status: 'active' })).status).toBe(200);
      expect((await verify(target.apiKey.key)).status).toBe(200);
      expect((await call('DELETE', path)).status).toBe(200);
      await expectVerifyRefused(target.apiKey.key, 403, 'tenant_deleted');
    });

    it.each([
      ['no key', {}],
      ['a numeric key', { key: 42 }],
      ['a null key', { key: null }],
      ['an unknown field', { key: 'k'.repeat(40), tenantId: randomUUID() }],
    ])('refuses a body with %s: 400', async (_, body) => {
      await expectRejected(400, 'validation_failed', () => call('POST', '/api-keys/verify', body, {}));
    });

    it('accepts SYSTEM_ADMIN_KEY as given: a system key of the bootstrap admin', async () => {
      const { rows } = await appPool('identity').query<{ id: string }>(
        `SELECT id FROM system_admins WHERE email = $1`,
        [SYSTEM_ADMIN_EMAIL],
      );
      const verified = await verify(SYSTEM_ADMIN_KEY);
      expect(verified).toMatchObject({
        status: 200,
        body: { tenantId: null, scope: 'system', expiresAt: null, systemAdminId: rows[0].id },
      });
      const stored = await appPool('identity').query(
        'SELECT tenant_id, system_admin_id, scope, hashed_key FROM api_keys WHERE id = $1',
        [verified.body.keyId],
      );
      expect(stored.rows[0]).toMatchObject({ tenant_id: null, system_admin_id: rows[0].id, scope: 'system' });
      expect(stored.rows[0].hashed_key).toMatch(/^[0-9a-f]{64}$/);
      const events = await appPool('identity').query(
        `SELECT payload->'tenantId' AS "tenantId", payload->'data' AS data FROM outbox_events
          WHERE payload->>'type' = 'api_key.created' AND payload->'resource'->>'id' = $1`,
        [verified.body.keyId],
      );
      expect(events.rows).toEqual([
        { tenantId: null, data: { scope: 'system', expiresAt: null, systemAdminId: rows[0].id } },
      ]);
    });
  });

  it('never shows a secret outside the answer that issued it: not in lists, events or stored rows', async () => {
    const issued = [tenant.apiKey, other.apiKey, await issueKey(tenant.tenant.id, { scope: 'admin' })];
    const secrets = [...issued.map((key) => key.key.slice(37)), SYSTEM_ADMIN_KEY];
    const lists = await Promise.all([
      call('GET', '/api-keys?limit=500', undefined, scope),
      call('GET', '/api-keys?limit=500', undefined, tenantScope(other.tenant.id)),
      call('GET', '/api-keys?limit=500', undefined, SYSTEM),
    ]);
    const db = appPool('identity');
    const outbox = await db.query<{ text: string }>(
      `SELECT string_agg(payload::text || headers::text, '|') AS text FROM outbox_events`,
    );
    const keys = await db.query<{ text: string; hashes: string[] }>(
      `SELECT string_agg(k::text, '|') AS text, array_agg(hashed_key) AS hashes FROM api_keys k`,
    );
    const listed = JSON.stringify(lists.map((list) => list.body));
    for (const secret of secrets) {
      expect(listed).not.toContain(secret);
      expect(outbox.rows[0].text).not.toContain(secret);
      expect(keys.rows[0].text).not.toContain(secret);
    }
    for (const hash of keys.rows[0].hashes) {
      expect(listed).not.toContain(hash);
      expect(outbox.rows[0].text).not.toContain(hash);
    }
  });
});
