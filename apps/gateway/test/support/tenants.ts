import { randomUUID } from 'node:crypto';
import { Call, SYSTEM_KEY } from './stack';

export interface TenantBody {
  id: string;
  name: string;
  status: string;
}
export interface IssuedKey {
  id: string;
  key: string;
  scope: string;
  expiresAt: string | null;
}
export interface UserBody {
  id: string;
  tenantId: string;
  email: string;
  role: string;
  status: string;
}

export interface TestTenant {
  tenant: TenantBody;
  adminKey: IssuedKey;
}

/** A new tenant through the gateway with the system key; answers it and its first admin key. */
export async function createTenant(call: Call, label = 'tenant'): Promise<TestTenant> {
  const created = await call<{ tenant: TenantBody; apiKey: IssuedKey }>('POST', '/v1/tenants', {
    key: SYSTEM_KEY,
    body: { name: `${label}-${randomUUID()}` },
  });
  if (created.status !== 201)
    throw new Error(`POST /v1/tenants answered ${created.status}: ${JSON.stringify(created.body)}`);
  return { tenant: created.body.tenant, adminKey: created.body.apiKey };
}

export async function createUser(call: Call, adminKey: string, role = 'user'): Promise<UserBody> {
  const created = await call<UserBody>('POST', '/v1/users', {
    key: adminKey,
    body: { email: `user-${randomUUID()}@example.com`, role },
  });
  if (created.status !== 201)
    throw new Error(`POST /v1/users answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function issueKey(call: Call, adminKey: string, scope: string, extra: Record<string, unknown> = {}) {
  const created = await call<IssuedKey>('POST', '/v1/api-keys', { key: adminKey, body: { scope, ...extra } });
  if (created.status !== 201)
    throw new Error(`POST /v1/api-keys answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body;
}
