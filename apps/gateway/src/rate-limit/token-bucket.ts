export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface BucketPolicy {
  perSecond: number;
  burst: number;
}

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

/** Refills `bucket` up to `now`, then takes one token if there is one (mutates the bucket). */
export function takeToken(bucket: Bucket, now: number, policy: BucketPolicy): TakeResult {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  bucket.tokens = Math.min(policy.burst, bucket.tokens + (elapsed * policy.perSecond) / 1000);
  bucket.updatedAt = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { allowed: true, remaining: Math.floor(bucket.tokens) };
  }
  return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) * 1000) / policy.perSecond) };
}

/** A bucket left alone this long is full again, so forgetting it changes nothing. */
export function refillMs(policy: BucketPolicy): number {
  return Math.ceil((policy.burst * 1000) / policy.perSecond);
}
