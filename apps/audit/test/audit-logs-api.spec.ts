import { randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, JsonResponse, request, startApp } from '@rag/testing';

interface AuditRow {
  id: string;
  tenantId: string | null;
  actorId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
}
interface PageBody {
  items: AuditRow[];
  nextCursor: string | null;
}
interface ErrorBody {
  error: { code: string; message: string };
}

const SYSTEM = { 'x-tenant-scope': 'all' };

function auditRow(tenantId: string | null, createdAt: string, fields: Partial<AuditRow> = {}): AuditRow {
  return {
    id: randomUUID(),
    tenantId,
    actorId: null,
    action: 'tenant.updated',
    resourceType: 'tenant',
    resourceId: tenantId,
    ipAddress: '198.51.100.1',
    userAgent: 'audit-api-test',
    createdAt,
    ...fields,
  };
}

/** Inserts rows as the consumer would (audit_logs takes INSERTs only). */
async function insert(...rows: AuditRow[]): Promise<void> {
  const column = <K extends keyof AuditRow>(key: K) => rows.map((row) => row[key]);
  await appPool('audit').query(
    `INSERT INTO audit_logs (id, tenant_id, actor_id, action, resource_type, resource_id, ip_address, user_agent, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::timestamp[])`,
    [
      column('id'),
      column('tenantId'),
      column('actorId'),
      column('action'),
      column('resourceType'),
      column('resourceId'),
      column('ipAddress'),
      column('userAgent'),
      column('createdAt'),
    ],
  );
}

/** The ids of a tenant's rows in the order the API must answer them: newest first, then id. */
async function expectedOrder(tenantId: string): Promise<string[]> {
  const { rows } = await appPool('audit').query<{ id: string }>(
    'SELECT id FROM audit_logs WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC',
    [tenantId],
  );
  return rows.map((row) => row.id);
}

describe('audit logs API', () => {
  let audit: AppProcess;

  const list = (query: string, headers: Record<string, string> = SYSTEM): Promise<JsonResponse<PageBody>> =>
    request<PageBody>(audit.url, 'GET', `/audit-logs?${query}`, undefined, headers);

  const ids = (page: JsonResponse<PageBody>) => page.body.items.map((item) => item.id);

  /** Follows nextCursor to the end; answers every item and the number of pages. */
  async function listAll(query: string, headers: Record<string, string> = SYSTEM) {
    const items: AuditRow[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: JsonResponse<PageBody> = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`, headers);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    return { items, pages };
  }

  beforeAll(async () => {
    audit = await startApp('audit');
  });

  afterAll(async () => {
    await audit?.stop();
    await closePools();
  });

  describe('ordering and keyset pagination', () => {
    it('answers newest first and pages with limit=2 through equal timestamps without duplicates or gaps', async () => {
      const tenantId = randomUUID();
      await insert(
        auditRow(tenantId, '2001-03-01T10:00:00.123456'),
        auditRow(tenantId, '2001-03-01T10:00:00.123456'),
        auditRow(tenantId, '2001-03-01T10:00:00.123456'),
        auditRow(tenantId, '2001-03-01T10:00:00.123400'), // same millisecond, earlier microsecond
        auditRow(tenantId, '2001-03-01T10:00:00.123900'), // same millisecond, later microsecond
        auditRow(tenantId, '2001-03-01T09:00:00'),
        auditRow(tenantId, '2001-03-02T00:00:00'),
      );
      const expected = await expectedOrder(tenantId);

      const { items, pages } = await listAll(`tenantId=${tenantId}&limit=2`);
      expect(pages).toBe(4);
      expect(items.map((item) => item.id)).toEqual(expected);
      const times = items.map((item) => item.createdAt);
      expect(times).toEqual([...times].sort().reverse());

      const oneByOne = await listAll(`tenantId=${tenantId}&limit=1`);
      expect(oneByOne.items.map((item) => item.id)).toEqual(expected);
      expect(ids(await list(`tenantId=${tenantId}&limit=500`))).toEqual(expected);
    });
  });

  describe('filters', () => {
    const tenantId = randomUUID();
    const actorId = randomUUID();
    const documentId = randomUUID();
    const rows = {
      created: auditRow(tenantId, '2002-05-01T00:00:00', { action: 'tenant.created', actorId }),
      updated: auditRow(tenantId, '2002-05-02T00:00:00', { action: 'tenant.updated' }),
      registered: auditRow(tenantId, '2002-05-03T00:00:00', {
        action: 'object.registered',
        actorId,
        resourceType: 'object',
        resourceId: documentId,
      }),
      ingested: auditRow(tenantId, '2002-05-04T00:00:00', {
        action: 'object.ingested',
        resourceType: 'object',
        resourceId: documentId,
      }),
      suspended: auditRow(tenantId, '2002-05-05T12:30:00', { action: 'tenant.suspended', actorId }),
    };
    const idsOf = (...names: (keyof typeof rows)[]) => names.map((name) => rows[name].id);

    beforeAll(async () => {
      await insert(...Object.values(rows));
    });

    it('answers each row with camelCase fields', async () => {
      const page = await list(`tenantId=${tenantId}&action=tenant.created`);
      const { createdAt, ...created } = rows.created;
      expect(page.body).toEqual({ items: [{ ...created, createdAt: `${createdAt}.000Z` }], nextCursor: null });
    });

    it.each([
      ['from (inclusive)', 'from=2002-05-03T00:00:00Z', ['suspended', 'ingested', 'registered']],
      ['to (exclusive)', 'to=2002-05-03T00:00:00Z', ['updated', 'created']],
      ['from and to', 'from=2002-05-02&to=2002-05-05T12:30:00Z', ['ingested', 'registered', 'updated']],
      ['from with an offset', 'from=2002-05-05T14:00:00%2B02:00', ['suspended']],
      ['from equal to to', 'from=2002-05-02T00:00:00Z&to=2002-05-02T00:00:00Z', []],
      ['action', 'action=object.ingested', ['ingested']],
      ['actorId', `actorId=${actorId}`, ['suspended', 'registered', 'created']],
      ['resourceType', 'resourceType=object', ['ingested', 'registered']],
      ['resourceId', `resourceId=${documentId}`, ['ingested', 'registered']],
      ['resourceType and resourceId', `resourceType=tenant&resourceId=${documentId}`, []],
      ['actorId and action', `actorId=${actorId}&action=tenant.created`, ['created']],
      ['an action nobody did', 'action=tenant.deleted', []],
    ] as [string, string, (keyof typeof rows)[]][])('by %s', async (_, query, expected) => {
      const page = await list(`tenantId=${tenantId}&${query}`);
      expect(page.status).toBe(200);
      expect(ids(page)).toEqual(idsOf(...expected));
    });

    it('by tenantId alone, and without it in a window only this test wrote to', async () => {
      const all = idsOf('suspended', 'ingested', 'registered', 'updated', 'created');
      expect(ids(await list(`tenantId=${tenantId}`))).toEqual(all);
      expect(ids(await list(`tenantId=${randomUUID()}`))).toEqual([]);
      const window = await list('from=2002-05-01T00:00:00Z&to=2002-05-06T00:00:00Z&limit=500');
      expect(ids(window)).toEqual(all);
    });
  });

  describe('bad input: 400 with a JSON error', () => {
    const forged = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    it.each([
      ['from after to', 'from=2002-05-02T00:00:00Z&to=2002-05-01T00:00:00Z', 'invalid_range'],
      ['a non-ISO from', 'from=yesterday', 'validation_failed'],
      ['an impossible to', 'to=2002-02-30T00:00:00Z', 'validation_failed'],
      ['an ISO basic-format from', 'from=20020501', 'validation_failed'],
      ['an ISO week-date to', 'to=2002-W18-3', 'validation_failed'],
      ['a non-uuid actorId', 'actorId=admin', 'validation_failed'],
      ['a non-uuid tenantId', 'tenantId=42', 'validation_failed'],
      ['a non-uuid resourceId', 'resourceId=doc-1', 'validation_failed'],
      ['a malformed resourceType', 'resourceType=Tenant;DROP', 'validation_failed'],
      ['a malformed action', 'action=tenant%20created', 'validation_failed'],
      ['a repeated action', 'action=a&action=b', 'validation_failed'],
      ['limit 0', 'limit=0', 'validation_failed'],
      ['limit 501', 'limit=501', 'validation_failed'],
      ['limit abc', 'limit=abc', 'validation_failed'],
      ['an unknown parameter', 'actor=someone', 'validation_failed'],
      ['a cursor that is not base64 JSON', 'cursor=not-a-cursor', 'invalid_cursor'],
      ['a cursor without an id', `cursor=${forged({ createdAt: '2002-05-01T00:00:00' })}`, 'invalid_cursor'],
      ['a cursor with a bad id', `cursor=${forged({ createdAt: '2002-05-01T00:00:00', id: 'x' })}`, 'invalid_cursor'],
      [
        'a cursor with a bad time',
        `cursor=${forged({ createdAt: '2002-13-45T99:00:00', id: randomUUID() })}`,
        'invalid_cursor',
      ],
    ])('%s', async (_, query, code) => {
      const response = await request<ErrorBody>(audit.url, 'GET', `/audit-logs?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
    });

    it.each([
      ['no scope header', {}, 'missing_scope'],
      ['both scope headers', { 'x-tenant-scope': 'all', 'x-tenant-id': randomUUID() }, 'missing_scope'],
      ['a non-uuid x-tenant-id', { 'x-tenant-id': 'acme' }, 'invalid_scope'],
    ])('%s', async (_, headers, code) => {
      const response = await request<ErrorBody>(audit.url, 'GET', '/audit-logs', undefined, headers);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(code);
    });
  });

  describe('tenant isolation', () => {
    const a = randomUUID();
    const b = randomUUID();
    const scopeA = { 'x-tenant-id': a };
    const bRow = auditRow(b, '2003-01-01T00:00:01');

    beforeAll(async () => {
      await insert(
        ...Array.from({ length: 5 }, (_, i) => auditRow(a, `2003-01-01T00:00:0${i}`)),
        bRow,
        auditRow(b, '2003-01-01T00:00:02'),
        auditRow(null, '2003-01-01T00:00:03', { action: 'provider.registered', resourceType: 'provider' }),
      );
    });

    it('a tenant scope lists only its own rows, page by page', async () => {
      const { items } = await listAll('limit=2', scopeA);
      expect(items.length).toBeGreaterThanOrEqual(5);
      expect(items.every((item) => item.tenantId === a)).toBe(true);
      expect(items.map((item) => item.id)).toEqual(await expectedOrder(a));
      const upper = await list('limit=500', { 'x-tenant-id': a.toUpperCase() });
      expect(ids(upper)).toEqual(await expectedOrder(a));
    });

    it("a tenant scope asking for another tenant's rows gets none", async () => {
      for (const query of [
        `tenantId=${b}`,
        `resourceId=${b}`,
        `tenantId=${b}&resourceId=${b}`,
        'resourceType=provider',
      ]) {
        const page = await list(`${query}&limit=500`, scopeA);
        expect({ query, status: page.status, body: page.body }).toEqual({
          query,
          status: 200,
          body: { items: [], nextCursor: null },
        });
      }
      expect(ids(await list(`tenantId=${a}&limit=500`, scopeA))).toEqual(await expectedOrder(a));
    });

    it("a cursor taken from a system-scope page does not open another tenant's rows", async () => {
      const window = 'from=2003-01-01T00:00:00Z&to=2003-01-02T00:00:00Z';
      const systemPage = await list(`${window}&limit=1`);
      expect(systemPage.body.nextCursor).toEqual(expect.any(String));
      const page = await list(`${window}&limit=500&cursor=${systemPage.body.nextCursor}`, scopeA);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(page.body.items.every((item) => item.tenantId === a)).toBe(true);
      expect(ids(await list(`${window}&limit=500`))).toContain(bRow.id);
    });
  });
});
