import { randomUUID } from 'node:crypto';
import { closePools, expectEventually } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack } from './support/stack';
import { createTenant, createUser, issueKey, IssuedKey, TestTenant, UserBody } from './support/tenants';

interface AuditRow {
  tenantId: string | null;
  resourceId: string | null;
}

/** A tenant admin reaching for another tenant's resources by id gets 404 and changes nothing. */
describe('gateway tenant isolation', () => {
  let stack: Stack;
  let call: Call;
  let mine: TestTenant;
  let theirs: TestTenant;
  let theirUser: UserBody;
  let theirKey: IssuedKey;
  let myUser: UserBody;

  beforeAll(async () => {
    stack = await startStack();
    call = gatewayClient(stack.gateways[0].url, 'isolation-tests/1.0');
    [mine, theirs] = await Promise.all([createTenant(call, 'mine'), createTenant(call, 'theirs')]);
    [myUser, theirUser, theirKey] = await Promise.all([
      createUser(call, mine.adminKey.key, 'admin'),
      createUser(call, theirs.adminKey.key, 'user'),
      issueKey(call, theirs.adminKey.key, 'write'),
    ]);
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  // Four columns in every row: jest.each treats a parameter beyond the row as a `done` callback.
  const crossTenant: [string, string, () => string, unknown][] = [
    ['GET', 'a user', () => `/v1/users/${theirUser.id}`, undefined],
    ['PATCH', 'a user', () => `/v1/users/${theirUser.id}`, { role: 'viewer' }],
    ['DELETE', 'a user', () => `/v1/users/${theirUser.id}`, undefined],
    ['DELETE', 'an api key', () => `/v1/api-keys/${theirKey.id}`, undefined],
  ];

  it.each(crossTenant)("%s another tenant's %s: 404, never its data", async (method, _what, path, body) => {
    const answer = await call<ErrorBody>(method, path(), { key: mine.adminKey.key, body });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toMatch(/_not_found$/);
    expect(JSON.stringify(answer.body)).not.toContain(theirs.tenant.id);
  });

  it('leaves the other tenant untouched by those attempts', async () => {
    const user = await call<UserBody>('GET', `/v1/users/${theirUser.id}`, { key: theirs.adminKey.key });
    expect(user.body).toMatchObject({ id: theirUser.id, role: 'user', status: 'active' });
    expect((await call('GET', '/v1/users', { key: theirKey.key })).status).toBe(403); // write < admin, key still valid
  });

  it("lists only the caller's own users and keys", async () => {
    const users = await call<{ items: UserBody[] }>('GET', '/v1/users?limit=500', { key: mine.adminKey.key });
    expect(users.status).toBe(200);
    expect(users.body.items.map((user) => user.id)).toContain(myUser.id);
    expect(users.body.items.every((user) => user.tenantId === mine.tenant.id)).toBe(true);
    const keys = await call<{ items: { id: string }[] }>('GET', '/v1/api-keys?limit=500', { key: mine.adminKey.key });
    expect(keys.status).toBe(200);
    const ids = keys.body.items.map((key) => key.id);
    expect(ids).toContain(mine.adminKey.id);
    expect(ids).not.toContain(theirKey.id);
    expect(ids).not.toContain(theirs.adminKey.id);
  });

  it("refuses another tenant's user as the acting user (X-User-Id) with 403 unknown_user", async () => {
    const answer = await call<ErrorBody>('GET', '/v1/usage', { key: mine.adminKey.key, userId: theirUser.id });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('unknown_user');
    const unknown = await call<ErrorBody>('GET', '/v1/usage', { key: mine.adminKey.key, userId: randomUUID() });
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.code).toBe('unknown_user');
  });

  it('keeps tenant keys off the tenant routes, whichever tenant the id names', async () => {
    for (const id of [theirs.tenant.id, mine.tenant.id]) {
      for (const [method, path, body] of [
        ['GET', `/v1/tenants/${id}`],
        ['PATCH', `/v1/tenants/${id}`, { name: 'taken over' }],
        ['DELETE', `/v1/tenants/${id}`],
        ['PUT', `/v1/tenants/${id}/quotas`, { maxTokensPerDay: 1, maxIngestionsPerDay: 1, maxStorageBytes: 1 }],
        ['GET', `/v1/tenants/${id}/quotas`],
      ] as [string, string, unknown?][]) {
        const answer = await call<ErrorBody>(method, path, { key: mine.adminKey.key, body });
        expect({ method, path, status: answer.status, code: answer.body.error?.code }).toEqual({
          method,
          path,
          status: 403,
          code: 'insufficient_scope',
        });
      }
    }
    const tenants = await call<ErrorBody>('GET', '/v1/tenants', { key: mine.adminKey.key });
    expect(tenants.status).toBe(403);
  });

  it("never shows a tenant admin another tenant's audit rows, whatever the filters", async () => {
    // Their tenant has rows (user.created and more) by now.
    await expectEventually(async () => {
      const theirTrail = await call<{ items: AuditRow[] }>('GET', '/v1/audit-logs', { key: theirs.adminKey.key });
      expect(theirTrail.body.items.some((row) => row.resourceId === theirUser.id)).toBe(true);
    });
    for (const query of ['', `?tenantId=${theirs.tenant.id}`, `?resourceId=${theirUser.id}`, '?limit=500']) {
      const page = await call<{ items: AuditRow[] }>('GET', `/v1/audit-logs${query}`, { key: mine.adminKey.key });
      expect(page.status).toBe(200);
      expect(page.body.items.every((row) => row.tenantId === mine.tenant.id)).toBe(true);
      expect(JSON.stringify(page.body)).not.toContain(theirUser.id);
    }
  });

  it("answers usage for the key's own tenant only", async () => {
    const usage = await call<{ quotas: { tenantId: string } }>('GET', '/v1/usage', { key: mine.adminKey.key });
    expect(usage.status).toBe(200);
    expect(usage.body.quotas.tenantId).toBe(mine.tenant.id);
  });
});
