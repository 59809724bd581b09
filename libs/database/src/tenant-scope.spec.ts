import { ALL_TENANTS, scopeAllows, tenantScope } from './tenant-scope';

const TENANT_A = '5d2f4a86-0f0b-4c6e-9a57-3b8f0c1d2e3f';
const TENANT_B = 'b7e1c9d0-2a3b-4c5d-8e9f-0a1b2c3d4e5f';

describe('tenantScope', () => {
  it('scopes to one tenant', () => {
    expect(tenantScope(TENANT_A)).toEqual({ kind: 'tenant', tenantId: TENANT_A });
  });

  it('refuses an empty tenant id, so a missing id never widens the scope', () => {
    expect(() => tenantScope('')).toThrow('a tenant scope needs a tenant id');
    expect(() => tenantScope(undefined as unknown as string)).toThrow('a tenant scope needs a tenant id');
    expect(() => tenantScope(null as unknown as string)).toThrow('a tenant scope needs a tenant id');
  });

  it('cannot be changed after it is made', () => {
    const scope = tenantScope(TENANT_A) as { tenantId: string; kind: string };
    expect(Object.isFrozen(scope)).toBe(true);
    expect(() => {
      'use strict';
      scope.tenantId = TENANT_B;
    }).toThrow(TypeError);
    expect(scope.tenantId).toBe(TENANT_A);
  });
});

describe('ALL_TENANTS', () => {
  it('is a frozen system-level scope', () => {
    expect(ALL_TENANTS).toEqual({ kind: 'all-tenants' });
    expect(Object.isFrozen(ALL_TENANTS)).toBe(true);
    expect(() => {
      (ALL_TENANTS as { kind: string }).kind = 'tenant';
    }).toThrow(TypeError);
  });
});

describe('scopeAllows', () => {
  it('lets a tenant scope reach only its own tenant', () => {
    const scope = tenantScope(TENANT_A);
    expect(scopeAllows(scope, TENANT_A)).toBe(true);
    expect(scopeAllows(scope, TENANT_B)).toBe(false);
    expect(scopeAllows(scope, null)).toBe(false);
    expect(scopeAllows(scope, TENANT_A.toUpperCase())).toBe(false);
  });

  it('lets ALL_TENANTS reach every tenant and platform rows', () => {
    expect(scopeAllows(ALL_TENANTS, TENANT_A)).toBe(true);
    expect(scopeAllows(ALL_TENANTS, TENANT_B)).toBe(true);
    expect(scopeAllows(ALL_TENANTS, null)).toBe(true);
  });
});
