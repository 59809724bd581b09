import { randomUUID } from 'node:crypto';
import { appPool, AppProcess, JsonResponse, request } from '@rag/testing';

/** Helpers shared by identity's API specs: calls, the no-change check, and factories. */

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };
export type PageBody<T> = { items: T[]; nextCursor: string | null };
export type Headers = Record<string, string>;

export interface TenantBody {
  id: string;
  name: string;
  status: string;
  retentionDays: number;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface IssuedKeyBody {
  id: string;
  key: string;
  scope: string;
  expiresAt: string | null;
}

export interface CreatedTenantBody {
  tenant: TenantBody;
  apiKey: IssuedKeyBody;
}

export const SYSTEM: Headers = { 'x-tenant-scope': 'all' };
export const tenantScope = (tenantId: string): Headers => ({ 'x-tenant-id': tenantId });
export const uniqueName = (label = 'tenant') => `${label}-${randomUUID()}`;
export const uniqueEmail = (label = 'user') => `${label}-${randomUUID()}@example.com`;

const TABLES = ['tenants', 'users', 'api_keys', 'tenant_quotas', 'usage_metrics', 'system_admins'];

/** Everything a rejected call must leave as it was: every identity table's rows, and the outbox size. */
export async function snapshot(): Promise<Record<string, string | number>> {
  const db = appPool('identity');
  const digests = await Promise.all(
    TABLES.map(async (table) => {
      const { rows } = await db.query<{ n: number; digest: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
      );
      return [table, `${rows[0].n}:${rows[0].digest}`] as const;
    }),
  );
  const outbox = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events');
  return { ...Object.fromEntries(digests), outbox: outbox.rows[0].n };
}

/** Event types in the outbox for a tenant (or resource), in commit order. */
export async function eventTypes(where: { tenantId: string } | { resourceId: string }): Promise<string[]> {
  const [column, value] =
    'tenantId' in where ? ['tenant_id', where.tenantId] : ["(payload->'resource'->>'id')::uuid", where.resourceId];
  const { rows } = await appPool('identity').query<{ type: string }>(
    `SELECT payload->>'type' AS type FROM outbox_events WHERE ${column} = $1 ORDER BY seq`,
    [value],
  );
  return rows.map((row) => row.type);
}

export function identityApi(app: () => AppProcess) {
  const call = <T = ErrorBody>(method: string, path: string, body?: unknown, headers: Headers = SYSTEM) =>
    request<T>(app().url, method, path, body, headers);

  /** Runs `send`, expects the status and a JSON error with a code, and that nothing changed. */
  async function expectRejected(
    status: number,
    code: string | undefined,
    send: () => Promise<JsonResponse<unknown>>,
  ): Promise<void> {
    const before = await snapshot();
    const response = await send();
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: { error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }) },
    });
    expect(await snapshot()).toEqual(before);
  }

  /** Sends raw bytes with any content type; answers the status, content type and parsed body. */
  async function sendRaw(method: string, path: string, body: string, contentType: string, headers: Headers = SYSTEM) {
    const response = await fetch(`${app().url}${path}`, {
      method,
      body,
      headers: { ...headers, 'content-type': contentType },
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: JSON.parse(text) as ErrorBody,
    };
  }

  async function createTenant(body: Record<string, unknown> = {}): Promise<CreatedTenantBody> {
    const created = await call<CreatedTenantBody>('POST', '/tenants', { name: uniqueName(), ...body });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function createUser(tenantId: string, body: Record<string, unknown> = {}) {
    const created = await call<{ id: string; email: string; role: string; status: string }>(
      'POST',
      '/users',
      { email: uniqueEmail(), role: 'user', ...body },
      tenantScope(tenantId),
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  async function issueKey(tenantId: string, body: Record<string, unknown> = { scope: 'read' }): Promise<IssuedKeyBody> {
    const issued = await call<IssuedKeyBody>('POST', '/api-keys', body, tenantScope(tenantId));
    expect(issued.status).toBe(201);
    return issued.body;
  }

  return { call, expectRejected, sendRaw, createTenant, createUser, issueKey };
}
