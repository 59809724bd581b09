import { TenantKeyScope, UserRole } from '@rag/contracts';
import { ActingUser, VerifiedKey } from '../auth/caller';

/** What a route admits: tenant keys of at least a scope, system keys, or both. */
export interface AccessRule {
  tenant?: TenantKeyScope;
  system?: boolean;
}

const RANK: Record<TenantKeyScope, number> = { read: 1, write: 2, admin: 3 };

export const ROLE_PERMISSION: Record<UserRole, TenantKeyScope> = { viewer: 'read', user: 'write', admin: 'admin' };

export function lesserScope(a: TenantKeyScope, b: TenantKeyScope): TenantKeyScope {
  return RANK[a] <= RANK[b] ? a : b;
}

export type AccessDecision =
  { allowed: true; permission: TenantKeyScope | 'system' } | { allowed: false; message: string };

/**
 * A system key passes routes open to system keys only. A tenant key acts with the lesser of
 * its scope and the acting user's role (viewer: read, user: write, admin: admin).
 */
export function decideAccess(rule: AccessRule, key: VerifiedKey, user: ActingUser | null): AccessDecision {
  if (key.scope === 'system') {
    return rule.system
      ? { allowed: true, permission: 'system' }
      : { allowed: false, message: 'this route needs a tenant key' };
  }
  if (!rule.tenant) return { allowed: false, message: 'this route needs a system key' };
  const permission = user ? lesserScope(key.scope, ROLE_PERMISSION[user.role]) : key.scope;
  if (RANK[permission] >= RANK[rule.tenant]) return { allowed: true, permission };
  const who = user ? `the key and user ${user.id} together` : 'the key';
  return { allowed: false, message: `this route needs ${rule.tenant} access; ${who} only have ${permission}` };
}
