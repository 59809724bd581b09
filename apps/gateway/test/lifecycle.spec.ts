import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { appPool, closePools, expectEventually } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack, SYSTEM_KEY } from './support/stack';
import { createTenant, createUser, issueKey, TestTenant } from './support/tenants';

interface AuditRow {
  action: string;
  actorId: string | null;
  tenantId: string | null;
  resourceType: string | null;
  resourceId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/**
 * The story of a tenant, told through two gateway instances: the system key creates it, its
 * admin key creates a user and a read key, the read key cannot write, the key is revoked
 * through one instance and refused by both within a second, and the audit trail has it all.
 */
describe('gateway lifecycle: tenant -> user -> read key -> revoke -> audit trail', () => {
  let stack: Stack;
  let viaA: Call;
  let viaB: Call;

  beforeAll(async () => {
    stack = await startStack({ gateways: 2 });
    viaA = gatewayClient(stack.gateways[0].url, 'lifecycle-tests/1.0');
    viaB = gatewayClient(stack.gateways[1].url, 'lifecycle-tests/1.0');
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  it('runs the whole lifecycle with the right status codes, a sub-second revocation and a complete audit trail', async () => {
    // The system key creates a tenant and gets its first admin key.
    const { tenant, adminKey }: TestTenant = await createTenant(viaA, 'lifecycle');
    expect(adminKey).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^rag_/),
      scope: 'admin',
      expiresAt: null,
    });

    // The admin key creates a user and a read key.
    const user = await createUser(viaA, adminKey.key, 'user');
    expect(user).toMatchObject({ tenantId: tenant.id, role: 'user', status: 'active' });
    const readKey = await issueKey(viaA, adminKey.key, 'read');
    expect(readKey.scope).toBe('read');

    // The read key reads (through instance B, which now caches it) but cannot write or manage.
    expect((await viaB('GET', '/v1/usage', { key: readKey.key })).status).toBe(200);
    const write = await viaB('POST', '/v1/users', {
      key: readKey.key,
      body: { email: 'x@example.com', role: 'viewer' },
    });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('insufficient_scope');
    expect((await viaB('GET', '/v1/api-keys', { key: readKey.key })).status).toBe(403);

    // The admin key acting as a user with role `user` has write, not admin, access.
    const asUser = await viaA('GET', '/v1/users', { key: adminKey.key, userId: user.id });
    expect(asUser.status).toBe(403);
    expect(asUser.body.error.code).toBe('insufficient_scope');

    // Revoke through A; both instances refuse the key within a second.
    const revoked = await viaA<{ revokedAt: string | null }>('DELETE', `/v1/api-keys/${readKey.id}`, {
      key: adminKey.key,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const revokedAt = performance.now();
    const refusedWithin = async (call: Call): Promise<number> => {
      for (;;) {
        const answer = await call('GET', '/v1/usage', { key: readKey.key });
        if (answer.status === 401) {
          expect(answer.body.error.code).toBe('revoked_key');
          return performance.now() - revokedAt;
        }
        expect(answer.status).toBe(200);
        if (performance.now() - revokedAt > 5000) throw new Error('the revoked key still works after 5 s');
        await sleep(50);
      }
    };
    const [onA, onB] = await Promise.all([refusedWithin(viaA), refusedWithin(viaB)]);
    expect(onA).toBeLessThan(1000);
    expect(onB).toBeLessThan(1000);
    // B had the key cached and never saw the DELETE: only identity's api_key.revoked event told it.
    const metricsOfB = await (await fetch(`${stack.gateways[1].url}/metrics`)).text();
    expect(metricsOfB).toMatch(/gateway_key_cache_lookups_total\{result="hit"\} [1-9]/);
    expect(metricsOfB).toMatch(/gateway_cache_invalidations_total\{what="api_key"\} [1-9]/);

    // The audit trail, as the tenant admin sees it.
    const { rows } = await appPool('identity').query<{ id: string }>(
      `SELECT system_admin_id AS id FROM api_keys WHERE scope = 'system' AND revoked_at IS NULL`,
    );
    const systemAdminId = rows[0].id;
    const expected = [
      { action: 'tenant.created', actorId: systemAdminId, resourceType: 'tenant', resourceId: tenant.id },
      { action: 'api_key.created', actorId: systemAdminId, resourceType: 'api_key', resourceId: adminKey.id },
      { action: 'user.created', actorId: adminKey.id, resourceType: 'user', resourceId: user.id },
      { action: 'api_key.created', actorId: adminKey.id, resourceType: 'api_key', resourceId: readKey.id },
      { action: 'auth.failed', actorId: readKey.id, resourceType: 'auth_attempt' },
      { action: 'auth.failed', actorId: user.id, resourceType: 'auth_attempt' },
      { action: 'api_key.revoked', actorId: adminKey.id, resourceType: 'api_key', resourceId: readKey.id },
    ];
    // One query per action: each poll is itself a request, so usage.recorded rows keep arriving.
    const actions = [...new Set(expected.map((row) => row.action))];
    const trail = await expectEventually(async () => {
      const pages = await Promise.all(
        actions.map((action) =>
          viaA<{ items: AuditRow[] }>('GET', `/v1/audit-logs?action=${action}&limit=100`, { key: adminKey.key }),
        ),
      );
      const found = pages.flatMap((page) => {
        expect(page.status).toBe(200);
        return page.body.items;
      });
      for (const row of expected) expect(found).toContainEqual(expect.objectContaining(row));
      return found;
    });
    const everything = await viaA<{ items: AuditRow[] }>('GET', '/v1/audit-logs?limit=500', { key: adminKey.key });
    expect(everything.body.items.length).toBeGreaterThan(0);
    expect([...trail, ...everything.body.items].every((row) => row.tenantId === tenant.id)).toBe(true);
    const refusals = trail.filter((row) => row.action === 'auth.failed');
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    for (const refusal of refusals)
      expect(refusal).toMatchObject({ ipAddress: '127.0.0.1', userAgent: 'lifecycle-tests/1.0' });

    // The system key sees the same rows (and may filter by tenant).
    const asSystem = await viaA<{ items: AuditRow[] }>(
      'GET',
      `/v1/audit-logs?tenantId=${tenant.id}&action=api_key.revoked`,
      { key: SYSTEM_KEY },
    );
    expect(asSystem.status).toBe(200);
    expect(asSystem.body.items).toEqual([expect.objectContaining({ resourceId: readKey.id, actorId: adminKey.id })]);

    // The refusals of the revoked key are recorded too (anonymous: the key no longer says whose it is).
    await expectEventually(async () => {
      const anonymous = await appPool('audit').query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_logs
          WHERE action = 'auth.failed' AND actor_id IS NULL AND user_agent = 'lifecycle-tests/1.0' AND ip_address = '127.0.0.1'`,
      );
      expect(anonymous.rows[0].n).toBeGreaterThanOrEqual(2);
    });
  });

  it('counts accepted requests as usage and reports them in GET /v1/usage', async () => {
    const { adminKey } = await createTenant(viaA, 'usage');
    for (let i = 0; i < 5; i++) expect((await viaA('GET', '/v1/users', { key: adminKey.key })).status).toBe(200);
    await expectEventually(async () => {
      const usage = await viaA<{ items: { requests: number }[] }>('GET', '/v1/usage', { key: adminKey.key });
      expect(usage.status).toBe(200);
      const requests = usage.body.items.reduce((sum, day) => sum + day.requests, 0);
      expect(requests).toBeGreaterThanOrEqual(5);
    });
  });

  it('refuses a revoked admin key on its next use through the instance that revoked it', async () => {
    const { adminKey } = await createTenant(viaA, 'self-revoke');
    const second = await issueKey(viaA, adminKey.key, 'admin');
    expect((await viaA('DELETE', `/v1/api-keys/${second.id}`, { key: adminKey.key })).status).toBe(200);
    const after = await viaA<ErrorBody>('GET', '/v1/users', { key: second.key });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('revoked_key');
  });
});
