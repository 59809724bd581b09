/**
 * Whose rows a query may touch. Repositories take a scope on every call, so a query without a
 * tenant filter does not compile; only system-level callers (system admins, platform jobs)
 * may hold ALL_TENANTS.
 */
export type TenantScope = { readonly kind: 'tenant'; readonly tenantId: string } | { readonly kind: 'all-tenants' };

export const ALL_TENANTS: TenantScope = Object.freeze({ kind: 'all-tenants' });

export function tenantScope(tenantId: string): TenantScope {
  if (!tenantId) throw new Error('a tenant scope needs a tenant id');
  return Object.freeze({ kind: 'tenant', tenantId });
}

export function scopeAllows(scope: TenantScope, tenantId: string | null): boolean {
  return scope.kind === 'all-tenants' || scope.tenantId === tenantId;
}
