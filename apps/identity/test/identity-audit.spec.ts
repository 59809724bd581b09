import { randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, expectEventually, request, startApp } from '@rag/testing';
import { CreatedTenantBody, uniqueEmail } from './support/identity-api';

interface OutboxRow {
  id: string;
  type: string;
}

async function outboxEvents(where: string, value: string): Promise<OutboxRow[]> {
  const { rows } = await appPool('identity').query<OutboxRow>(
    `SELECT id, payload->>'type' AS type FROM outbox_events WHERE ${where} = $1 ORDER BY seq`,
    [value],
  );
  return rows;
}

async function audited(ids: string[]): Promise<Record<string, unknown>[]> {
  const { rows } = await appPool('audit').query(
    `SELECT id, action, tenant_id, actor_id, resource_type, ip_address, user_agent FROM audit_logs WHERE id = ANY($1)`,
    [ids],
  );
  return rows;
}

describe('audit trail of identity changes', () => {
  let identity: AppProcess;
  let audit: AppProcess;
  const adminEmail = `admin-${randomUUID()}@example.com`;

  beforeAll(async () => {
    [identity, audit] = await Promise.all([
      startApp('identity', { SYSTEM_ADMIN_EMAIL: adminEmail }),
      startApp('audit'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([identity?.stop(), audit?.stop()]);
    await closePools();
  });

  it('records every change (tenant, quotas, users, keys, system admin) in audit_logs with its actor', async () => {
    const actorId = randomUUID();
    const actor = { 'x-actor-id': actorId, 'x-actor-type': 'api_key', 'user-agent': 'identity-audit/1.0' };
    const system = { 'x-tenant-scope': 'all', ...actor };
    const call = <T>(method: string, path: string, body: unknown, headers: Record<string, string>) =>
      request<T>(identity.url, method, path, body, headers);

    const created = await call<CreatedTenantBody>('POST', '/tenants', { name: `audited-${randomUUID()}` }, system);
    const tenantId = created.body.tenant.id;
    const scope = { 'x-tenant-id': tenantId, ...actor };
    const limits = { maxTokensPerDay: 10, maxIngestionsPerDay: 1, maxStorageBytes: 100 };
    expect((await call('PUT', `/tenants/${tenantId}/quotas`, limits, system)).status).toBe(200);
    const user = await call<{ id: string }>('POST', '/users', { email: uniqueEmail(), role: 'viewer' }, scope);
    expect((await call('PATCH', `/users/${user.body.id}`, { role: 'admin' }, scope)).status).toBe(200);
    expect((await call('DELETE', `/users/${user.body.id}`, undefined, scope)).status).toBe(200);
    const key = await call<{ id: string }>('POST', '/api-keys', { scope: 'write' }, scope);
    expect((await call('DELETE', `/api-keys/${key.body.id}`, undefined, scope)).status).toBe(200);

    const events = await outboxEvents('tenant_id', tenantId);
    expect(events.map((event) => event.type)).toEqual([
      'tenant.created',
      'tenant_quota.updated',
      'api_key.created',
      'tenant_quota.updated',
      'user.created',
      'user.updated',
      'user.deleted',
      'api_key.created',
      'api_key.revoked',
    ]);
    const ids = events.map((event) => event.id);
    await expectEventually(async () => expect(await audited(ids)).toHaveLength(ids.length), 30_000, 300);
    const rows = await audited(ids);
    for (const event of events) {
      expect(rows.find((row) => row.id === event.id)).toMatchObject({
        action: event.type,
        tenant_id: tenantId,
        actor_id: actorId,
        user_agent: 'identity-audit/1.0',
        resource_type: event.type.split('.')[0],
      });
    }

    const { rows: admins } = await appPool('identity').query<{ id: string }>(
      'SELECT id FROM system_admins WHERE email = $1',
      [adminEmail],
    );
    const adminEvents = await outboxEvents("payload->'resource'->>'id'", admins[0].id);
    expect(adminEvents.map((event) => event.type)).toEqual(['system_admin.created']);
    await expectEventually(async () =>
      expect(await audited(adminEvents.map((event) => event.id))).toEqual([
        expect.objectContaining({ action: 'system_admin.created', tenant_id: null, resource_type: 'system_admin' }),
      ]),
    );
  });
});
