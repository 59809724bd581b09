import { createHmac } from 'node:crypto';
import { IdentitySettings } from '../identity.settings';
import { ApiKeyHasher } from './api-key-hasher';

const hasherWith = (apiKeyPepper: string) => new ApiKeyHasher({ apiKeyPepper } as IdentitySettings);

describe('ApiKeyHasher', () => {
  const pepper = 'p'.repeat(32);
  const hasher = hasherWith(pepper);

  it('stores HMAC-SHA256(pepper, secret) as hex', () => {
    expect(hasher.hash('secret')).toBe(createHmac('sha256', pepper).update('secret').digest('hex'));
    expect(hasherWith('q'.repeat(32)).hash('secret')).not.toBe(hasher.hash('secret'));
  });

  it('matches only the right secret, and never without a stored hash', () => {
    const stored = hasher.hash('secret');
    expect(hasher.matches('secret', stored)).toBe(true);
    expect(hasher.matches('secreT', stored)).toBe(false);
    expect(hasher.matches('secret', undefined)).toBe(false);
    expect(hasher.matches('secret', 'not-hex')).toBe(false);
    expect(hasher.matches('secret', '0'.repeat(64))).toBe(false);
  });

  it('derives a stable, pepper-dependent UUID for a bootstrap key', () => {
    const id = hasher.bootstrapKeyId('my bootstrap key of 32 characters!');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(hasher.bootstrapKeyId('my bootstrap key of 32 characters!')).toBe(id);
    expect(hasher.bootstrapKeyId('my bootstrap key of 32 characters?')).not.toBe(id);
    expect(hasherWith('q'.repeat(32)).bootstrapKeyId('my bootstrap key of 32 characters!')).not.toBe(id);
  });
});
