import { ActingUser, VerifiedKey } from '../auth/caller';
import { decideAccess, lesserScope } from './permission';

const tenantKey = (scope: 'read' | 'write' | 'admin'): VerifiedKey => ({
  keyId: '00000000-0000-4000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-0000000000aa',
  scope,
  expiresAt: null,
  systemAdminId: null,
});
const systemKey: VerifiedKey = {
  keyId: '00000000-0000-4000-8000-000000000002',
  tenantId: null,
  scope: 'system',
  expiresAt: null,
  systemAdminId: '00000000-0000-4000-8000-0000000000bb',
};
const user = (role: 'viewer' | 'user' | 'admin'): ActingUser => ({
  id: '00000000-0000-4000-8000-0000000000cc',
  role,
  status: 'active',
});

describe('decideAccess', () => {
  it.each([
    ['read', 'read', true],
    ['read', 'write', false],
    ['read', 'admin', false],
    ['write', 'read', true],
    ['write', 'write', true],
    ['write', 'admin', false],
    ['admin', 'admin', true],
  ] as const)('a %s key on a route needing %s: %s', (scope, needed, allowed) => {
    expect(decideAccess({ tenant: needed }, tenantKey(scope), null).allowed).toBe(allowed);
  });

  it.each([
    ['admin', 'viewer', 'read'],
    ['admin', 'user', 'write'],
    ['admin', 'admin', 'admin'],
    ['read', 'admin', 'read'],
    ['write', 'viewer', 'read'],
  ] as const)('a %s key acting as a %s acts with %s', (scope, role, permission) => {
    expect(decideAccess({ tenant: 'read' }, tenantKey(scope), user(role))).toEqual({ allowed: true, permission });
  });

  it('refuses an admin key whose acting user is a viewer on an admin route', () => {
    const decision = decideAccess({ tenant: 'admin' }, tenantKey('admin'), user('viewer'));
    expect(decision).toEqual({ allowed: false, message: expect.stringContaining('only have read') });
  });

  it('admits system keys only where the rule says so, and tenant keys never on system-only routes', () => {
    expect(decideAccess({ system: true }, systemKey, null)).toEqual({ allowed: true, permission: 'system' });
    expect(decideAccess({ tenant: 'read' }, systemKey, null).allowed).toBe(false);
    expect(decideAccess({ system: true }, tenantKey('admin'), null).allowed).toBe(false);
    expect(decideAccess({ tenant: 'admin', system: true }, tenantKey('admin'), null).allowed).toBe(true);
  });

  it('lesserScope is symmetric', () => {
    expect(lesserScope('admin', 'read')).toBe('read');
    expect(lesserScope('read', 'admin')).toBe('read');
    expect(lesserScope('write', 'write')).toBe('write');
  });
});
