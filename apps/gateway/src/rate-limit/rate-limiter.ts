import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { GatewayEnv } from '../gateway.env';
import { Bucket, BucketPolicy, refillMs, takeToken, TakeResult } from './token-bucket';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * One token bucket per API key, in this process (RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST).
 * With N gateway replicas behind a balancer a key gets up to N times the rate; a shared store
 * (Redis) would make it global at the cost of a round trip per request.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly buckets = new Map<string, Bucket>();
  private readonly policy: BucketPolicy;
  private readonly sweeper: NodeJS.Timeout;

  constructor(env: GatewayEnv) {
    this.policy = { perSecond: env.RATE_LIMIT_PER_SECOND, burst: env.RATE_LIMIT_BURST };
    this.sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();
  }

  get limit(): number {
    return this.policy.burst;
  }

  take(keyId: string, now = Date.now()): TakeResult {
    let bucket = this.buckets.get(keyId);
    if (!bucket) this.buckets.set(keyId, (bucket = { tokens: this.policy.burst, updatedAt: now }));
    return takeToken(bucket, now, this.policy);
  }

  /** Forgets buckets that have refilled completely: memory stays proportional to active keys. */
  sweep(now: number): void {
    const idleMs = refillMs(this.policy);
    for (const [keyId, bucket] of this.buckets) if (now - bucket.updatedAt >= idleMs) this.buckets.delete(keyId);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
