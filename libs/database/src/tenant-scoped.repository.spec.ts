import { And, EntityManager, Equal, LessThan } from 'typeorm';
import { ALL_TENANTS, tenantScope } from './tenant-scope';
import { TenantScopedRepository } from './tenant-scoped.repository';

interface Doc {
  id: string;
  tenantId: string;
  title: string;
}

const TENANT_A = '5d2f4a86-0f0b-4c6e-9a57-3b8f0c1d2e3f';
const TENANT_B = 'b7e1c9d0-2a3b-4c5d-8e9f-0a1b2c3d4e5f';

/** An EntityManager whose repository records what it is asked; no database involved. */
function fakeManager() {
  const calls: { method: string; args: unknown[] }[] = [];
  const builder = {
    where: (condition: string, parameters?: object) => {
      calls.push({ method: 'where', args: parameters === undefined ? [condition] : [condition, parameters] });
      return builder;
    },
  };
  const repository = {
    findOne: async (options: unknown) => (calls.push({ method: 'findOne', args: [options] }), null),
    insert: async (entity: unknown) => (calls.push({ method: 'insert', args: [entity] }), {}),
    delete: async (where: unknown) => (calls.push({ method: 'delete', args: [where] }), { affected: 3 }),
    update: async (where: unknown, changes: unknown) => (
      calls.push({ method: 'update', args: [where, changes] }),
      { affected: 2 }
    ),
    createQueryBuilder: (alias: string) => (calls.push({ method: 'createQueryBuilder', args: [alias] }), builder),
  };
  const manager = { getRepository: () => repository } as unknown as EntityManager;
  return { manager, calls };
}

describe('TenantScopedRepository', () => {
  const docs = new TenantScopedRepository<Doc>('doc', 'tenantId');

  it('adds the tenant condition to findOne', async () => {
    const { manager, calls } = fakeManager();
    await docs.findOne(manager, tenantScope(TENANT_A), { id: 'd1' });
    expect(calls[0].args[0]).toEqual({ where: { id: 'd1', tenantId: Equal(TENANT_A) } });
  });

  it('keeps a tenant condition of the caller as well, so asking for another tenant finds nothing', async () => {
    const { manager, calls } = fakeManager();
    await docs.findOne(manager, tenantScope(TENANT_A), { id: 'd1', tenantId: TENANT_B });
    await docs.findOne(manager, tenantScope(TENANT_A), { tenantId: LessThan(TENANT_B) });
    expect(calls.map((call) => call.args[0])).toEqual([
      { where: { id: 'd1', tenantId: And(Equal(TENANT_A), Equal(TENANT_B)) } },
      { where: { tenantId: And(Equal(TENANT_A), LessThan(TENANT_B)) } },
    ]);
  });

  it('leaves the filter alone for ALL_TENANTS', async () => {
    const { manager, calls } = fakeManager();
    await docs.findOne(manager, ALL_TENANTS, { id: 'd1' });
    expect(calls[0].args[0]).toEqual({ where: { id: 'd1' } });
  });

  it('locks the scoped row for update', async () => {
    const { manager, calls } = fakeManager();
    await docs.findOneForUpdate(manager, tenantScope(TENANT_B), { id: 'd2' });
    expect(calls[0].args[0]).toEqual({
      where: { id: 'd2', tenantId: Equal(TENANT_B) },
      lock: { mode: 'pessimistic_write' },
    });
  });

  it('starts query builders filtered to the tenant, with a bound parameter', () => {
    const { manager, calls } = fakeManager();
    docs.query(manager, tenantScope(TENANT_A), 'd');
    docs.query(manager, ALL_TENANTS, 'd');
    expect(calls.filter((call) => call.method === 'where').map((call) => call.args)).toEqual([
      ['d.tenantId = :scopeTenantId', { scopeTenantId: TENANT_A }],
      ['TRUE'],
    ]);
  });

  it('scopes updates and reports the rows affected', async () => {
    const { manager, calls } = fakeManager();
    expect(await docs.update(manager, tenantScope(TENANT_A), { id: 'd1' }, { title: 'new' })).toBe(2);
    expect(calls[0].args).toEqual([{ id: 'd1', tenantId: Equal(TENANT_A) }, { title: 'new' }]);
  });

  it('scopes deletes, even with no other condition, and reports the rows affected', async () => {
    const { manager, calls } = fakeManager();
    expect(await docs.delete(manager, tenantScope(TENANT_A), {})).toBe(3);
    expect(calls[0]).toEqual({ method: 'delete', args: [{ tenantId: Equal(TENANT_A) }] });
  });

  it('inserts a row of the scope`s tenant, and refuses another tenant`s row', async () => {
    const { manager, calls } = fakeManager();
    const own = { id: 'd1', tenantId: TENANT_A, title: 'a' };
    expect(await docs.insert(manager, tenantScope(TENANT_A), own)).toBe(own);
    await expect(
      docs.insert(manager, tenantScope(TENANT_A), { id: 'd2', tenantId: TENANT_B, title: 'b' }),
    ).rejects.toThrow('refusing to insert a row of another tenant');
    expect(calls.filter((call) => call.method === 'insert').map((call) => call.args[0])).toEqual([own]);
  });

  it('lets ALL_TENANTS insert any tenant`s row', async () => {
    const { manager, calls } = fakeManager();
    await docs.insert(manager, ALL_TENANTS, { id: 'd3', tenantId: TENANT_B, title: 'c' });
    expect(calls).toHaveLength(1);
  });

  it('uses the configured tenant column (id on the tenants table)', async () => {
    const tenants = new TenantScopedRepository<{ id: string; name: string }>('tenant', 'id');
    const { manager, calls } = fakeManager();
    await tenants.findOne(manager, tenantScope(TENANT_A), { name: 'acme' });
    await tenants.findOne(manager, tenantScope(TENANT_A), { id: TENANT_B });
    tenants.query(manager, tenantScope(TENANT_A), 't');
    expect(calls[0].args[0]).toEqual({ where: { name: 'acme', id: Equal(TENANT_A) } });
    expect(calls[1].args[0]).toEqual({ where: { id: And(Equal(TENANT_A), Equal(TENANT_B)) } });
    expect(calls[3].args).toEqual(['t.id = :scopeTenantId', { scopeTenantId: TENANT_A }]);
  });
});
