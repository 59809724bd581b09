export class RetryAbortedError extends Error {
  constructor() {
    super('retry aborted: the consumer is stopping or lost its partitions');
    this.name = 'RetryAbortedError';
  }
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (Math.random() * exponential) / 2);
}

/**
 * Runs `work` until it succeeds or has failed policy.attempts times, with jittered exponential
 * backoff, and returns the last error then. Failures for which `isTransient` holds (a dependency
 * down, not a bad event) do not count: they are retried for as long as they last. Throws
 * RetryAbortedError when `canGoOn` turns false.
 */
export async function retryWithBackoff(
  work: () => Promise<void>,
  policy: RetryPolicy,
  canGoOn: () => boolean,
  beforeRetry: () => Promise<void> = async () => undefined,
  isTransient: (error: Error) => boolean = () => false,
): Promise<{ ok: true } | { ok: false; error: Error; attempts: number }> {
  if (policy.attempts <= 0) return { ok: false, error: new Error('no attempt made'), attempts: 0 };
  let attempts = 0;
  let failures = 0;
  for (;;) {
    if (!canGoOn()) throw new RetryAbortedError();
    try {
      await work();
      return { ok: true };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (failure instanceof RetryAbortedError) throw failure;
      failures++;
      if (!isTransient(failure)) attempts++;
      if (attempts >= policy.attempts) return { ok: false, error: failure, attempts };
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures, policy)));
      await beforeRetry();
    }
  }
}
