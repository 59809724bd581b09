import { ApiKeyScope, TenantKeyScope, UserRole, UserStatus } from '@rag/contracts';

/** What identity's `POST /api-keys/verify` says about a valid key. */
export interface VerifiedKey {
  keyId: string;
  /** null for system keys. */
  tenantId: string | null;
  scope: ApiKeyScope;
  expiresAt: string | null;
  /** Set for system keys only. */
  systemAdminId: string | null;
}

/** The user named by `X-User-Id`, as identity knows them in the key's tenant. */
export interface ActingUser {
  id: string;
  role: UserRole;
  status: UserStatus;
}

/** Who is calling, established by the guards and read by everything after them. */
export interface Caller {
  key: VerifiedKey;
  user: ActingUser | null;
  /** Tenant keys: the lesser of the key's scope and the user's role. */
  permission: TenantKeyScope | 'system';
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

export function isSystemKey(key: VerifiedKey): boolean {
  return key.scope === 'system';
}
