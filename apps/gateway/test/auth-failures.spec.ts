import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { appPool, closePools, expectEventually, request } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack, SYSTEM_KEY } from './support/stack';
import { createTenant, issueKey } from './support/tenants';

interface AuditRow {
  tenant_id: string | null;
  actor_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
}

/** The auth.failed rows the audit app wrote for requests sent with this user agent. */
async function refusalsFor(userAgent: string): Promise<AuditRow[]> {
  const { rows } = await appPool('audit').query<AuditRow>(
    `SELECT tenant_id, actor_id, ip_address, user_agent FROM audit_logs
      WHERE action = 'auth.failed' AND resource_type = 'auth_attempt' AND user_agent = $1`,
    [userAgent],
  );
  return rows;
}

const unknownPlatformKey = () => `rag_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('base64url')}`;

describe('gateway authentication failures: refused with 401/403 and audited', () => {
  let stack: Stack;
  let gatewayUrl: string;
  let call: Call;

  beforeAll(async () => {
    stack = await startStack();
    gatewayUrl = stack.gateways[0].url;
    call = gatewayClient(gatewayUrl);
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  /** Sends `authorization` (or none) with a user agent of its own; expects the refusal and its audit row. */
  async function expectRefusedAndAudited(
    authorization: string | undefined,
    status: number,
    code: string,
    tenantId: string | null = null,
  ): Promise<void> {
    const userAgent = `auth-failures/${randomUUID()}`;
    const answer = await request<ErrorBody>(gatewayUrl, 'GET', '/v1/usage', undefined, {
      'user-agent': userAgent,
      ...(authorization === undefined ? {} : { authorization }),
    });
    expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status, code });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    if (status === 401) expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    const rows = await expectEventually(async () => {
      const found = await refusalsFor(userAgent);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rows[0]).toEqual({ tenant_id: tenantId, actor_id: null, ip_address: '127.0.0.1', user_agent: userAgent });
  }

  it.each([
    ['no Authorization header', undefined, 'missing_key'],
    ['an empty bearer', 'Bearer ', 'malformed_key'],
    ['the Basic scheme', `Basic ${Buffer.from('user:password').toString('base64')}`, 'malformed_key'],
    ['a token with no scheme', unknownPlatformKey(), 'malformed_key'],
    ['two tokens', `Bearer ${unknownPlatformKey()} ${unknownPlatformKey()}`, 'malformed_key'],
    ['a key in no issued format', 'Bearer rag_not-a-key', 'malformed_key'],
    ['a 2 KB token', `Bearer ${'a'.repeat(2048)}`, 'malformed_key'],
  ])('%s: 401 and audited', async (_label, authorization, code) => {
    await expectRefusedAndAudited(authorization, 401, code);
  });

  it('an unknown key: 401 unknown_key and audited', async () => {
    await expectRefusedAndAudited(`Bearer ${unknownPlatformKey()}`, 401, 'unknown_key');
  });

  it('an expired key: 401 expired_key the moment it expires, and audited', async () => {
    const { adminKey } = await createTenant(call, 'expiring');
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    const shortLived = await issueKey(call, adminKey.key, 'read', { expiresAt });
    expect((await call('GET', '/v1/usage', { key: shortLived.key })).status).toBe(200); // now cached
    await sleep(Date.parse(expiresAt) - Date.now() + 50);
    await expectRefusedAndAudited(`Bearer ${shortLived.key}`, 401, 'expired_key');
  });

  it("a suspended tenant's key: 403 tenant_suspended at once, and audited; it works again after reactivation", async () => {
    const { tenant, adminKey } = await createTenant(call, 'suspended');
    expect((await call('GET', '/v1/usage', { key: adminKey.key })).status).toBe(200); // now cached
    const suspended = await call('PATCH', `/v1/tenants/${tenant.id}`, {
      key: SYSTEM_KEY,
      body: { status: 'suspended' },
    });
    expect(suspended.status).toBe(200);
    await expectRefusedAndAudited(`Bearer ${adminKey.key}`, 403, 'tenant_suspended');
    expect(
      (await call('PATCH', `/v1/tenants/${tenant.id}`, { key: SYSTEM_KEY, body: { status: 'active' } })).status,
    ).toBe(200);
    await expectEventually(
      async () => expect((await call('GET', '/v1/usage', { key: adminKey.key })).status).toBe(200),
      3000,
      100,
    );
  });

  it("a deleted tenant's key: 403 tenant_deleted, and audited", async () => {
    const { tenant, adminKey } = await createTenant(call, 'deleted');
    expect((await call('GET', '/v1/usage', { key: adminKey.key })).status).toBe(200);
    expect((await call('DELETE', `/v1/tenants/${tenant.id}`, { key: SYSTEM_KEY })).status).toBe(200);
    await expectRefusedAndAudited(`Bearer ${adminKey.key}`, 403, 'tenant_deleted');
  });

  it("a disabled acting user: 403 user_disabled, audited with the key's tenant and the key as actor", async () => {
    const { tenant, adminKey } = await createTenant(call, 'disabled-user');
    const created = await call<{ id: string }>('POST', '/v1/users', {
      key: adminKey.key,
      body: { email: `${randomUUID()}@example.com`, role: 'admin' },
    });
    const userId = created.body.id;
    expect((await call('GET', '/v1/users', { key: adminKey.key, userId })).status).toBe(200); // cached, active
    expect(
      (await call('PATCH', `/v1/users/${userId}`, { key: adminKey.key, body: { status: 'disabled' } })).status,
    ).toBe(200);
    const userAgent = `auth-failures/${randomUUID()}`;
    const refused = await call<ErrorBody>('GET', '/v1/users', {
      key: adminKey.key,
      userId,
      headers: { 'user-agent': userAgent },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('user_disabled');
    await expectEventually(async () =>
      expect(await refusalsFor(userAgent)).toEqual([
        { tenant_id: tenant.id, actor_id: adminKey.id, ip_address: '127.0.0.1', user_agent: userAgent },
      ]),
    );
  });

  it('a system key on a tenant route, and a tenant key on a system route: 403 insufficient_scope', async () => {
    const { adminKey } = await createTenant(call, 'scopes');
    const systemOnUsers = await call<ErrorBody>('GET', '/v1/users', { key: SYSTEM_KEY });
    expect([systemOnUsers.status, systemOnUsers.body.error.code]).toEqual([403, 'insufficient_scope']);
    const tenantOnTenants = await call<ErrorBody>('POST', '/v1/tenants', { key: adminKey.key, body: { name: 'x' } });
    expect([tenantOnTenants.status, tenantOnTenants.body.error.code]).toEqual([403, 'insufficient_scope']);
  });
});
