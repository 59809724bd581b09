import { GatewayEnv } from '../gateway.env';
import { RateLimiter } from './rate-limiter';
import { takeToken } from './token-bucket';

describe('token bucket', () => {
  const policy = { perSecond: 2, burst: 4 };

  it('allows a burst, then refuses with the wait until the next token', () => {
    const bucket = { tokens: 4, updatedAt: 0 };
    const results = Array.from({ length: 5 }, () => takeToken(bucket, 0, policy));
    expect(results.slice(0, 4).every((result) => result.allowed)).toBe(true);
    expect(results[4]).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  it('refills at the rate, never above the burst', () => {
    const bucket = { tokens: 0, updatedAt: 0 };
    expect(takeToken(bucket, 250, policy)).toEqual({ allowed: false, retryAfterMs: 250 });
    expect(takeToken(bucket, 500, policy)).toEqual({ allowed: true, remaining: 0 });
    expect(takeToken(bucket, 60_000, policy)).toEqual({ allowed: true, remaining: 3 });
  });

  it('does not refill when the clock goes backwards', () => {
    const bucket = { tokens: 0, updatedAt: 1000 };
    expect(takeToken(bucket, 500, policy).allowed).toBe(false);
  });
});

describe('RateLimiter', () => {
  const env = Object.assign(new GatewayEnv(), { RATE_LIMIT_PER_SECOND: 1, RATE_LIMIT_BURST: 2 });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(env);
    try {
      expect([limiter.take('a', 0).allowed, limiter.take('a', 0).allowed, limiter.take('a', 0).allowed]).toEqual([
        true,
        true,
        false,
      ]);
      expect(limiter.take('b', 0).allowed).toBe(true);
    } finally {
      limiter.onModuleDestroy();
    }
  });

  it('forgets only buckets that have refilled, which changes no answer', () => {
    const limiter = new RateLimiter(env);
    try {
      limiter.take('idle', 0);
      limiter.take('busy', 0);
      limiter.take('busy', 0);
      limiter.take('busy', 1500);
      limiter.sweep(2000); // idle: full since 2000; busy: last used at 1500
      expect(limiter.take('busy', 2000)).toEqual({ allowed: true, remaining: 0 }); // a fresh bucket would leave 1
      expect(limiter.take('busy', 2000)).toEqual({ allowed: false, retryAfterMs: 1000 });
      expect(limiter.take('idle', 2000)).toEqual({ allowed: true, remaining: 1 });
    } finally {
      limiter.onModuleDestroy();
    }
  });
});
