import { ConfigError, loadConfig } from '@rag/config';
import { secretVariables } from './config/secret.decorator';
import { IdentityEnv } from './identity.env';

describe('IdentityEnv', () => {
  it('has working defaults outside production', () => {
    const env = loadConfig(IdentityEnv, { NODE_ENV: 'test' });
    expect(env.API_KEY_PEPPER.length).toBeGreaterThanOrEqual(32);
    expect(env).toMatchObject({
      SYSTEM_ADMIN_EMAIL: 'admin@localhost',
      SYSTEM_ADMIN_KEY: undefined,
      DEFAULT_MAX_TOKENS_PER_DAY: 1_000_000,
      DEFAULT_MAX_INGESTIONS_PER_DAY: 1000,
      DEFAULT_MAX_STORAGE_BYTES: 10_737_418_240,
    });
  });

  it('refuses the development pepper in production, and a short one anywhere', () => {
    expect(() => loadConfig(IdentityEnv, { NODE_ENV: 'production' })).toThrow(/API_KEY_PEPPER must be set/);
    expect(() => loadConfig(IdentityEnv, { API_KEY_PEPPER: 'short' })).toThrow(ConfigError);
    const env = loadConfig(IdentityEnv, { NODE_ENV: 'production', API_KEY_PEPPER: 'k'.repeat(32) });
    expect(env.API_KEY_PEPPER).toBe('k'.repeat(32));
  });

  it.each([
    ['31 characters', 'k'.repeat(31)],
    ['a space inside', `${'k'.repeat(20)} ${'k'.repeat(20)}`],
    ['a malformed rag_ key', `rag_${'k'.repeat(40)}`],
  ])('refuses a SYSTEM_ADMIN_KEY with %s, without echoing it', (_, key) => {
    expect(() => loadConfig(IdentityEnv, { SYSTEM_ADMIN_KEY: key })).toThrow(/SYSTEM_ADMIN_KEY must be/);
    try {
      loadConfig(IdentityEnv, { SYSTEM_ADMIN_KEY: key });
    } catch (error) {
      expect((error as Error).message).not.toContain(key);
    }
  });

  it('marks the pepper and the bootstrap key as secrets', () => {
    expect(secretVariables(IdentityEnv).sort()).toEqual(['API_KEY_PEPPER', 'SYSTEM_ADMIN_KEY']);
  });
});
