/** Tags of cached entries, named after what an identity event invalidates. */
export const cacheTag = {
  key: (keyId: string) => `key:${keyId}`,
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  user: (userId: string) => `user:${userId}`,
};

/** Failed lookups are remembered only briefly: a key issued or a user created a moment later must work. */
export const FAILURE_TTL_MS = 1000;

/** Enough for every live key and user of a large deployment; the oldest entries go first. */
export const MAX_CACHE_ENTRIES = 100_000;
