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
 * Runs `work` up to policy.attempts times with jittered exponential backoff. Returns the
 * last error when every attempt failed; throws RetryAbortedError when `canGoOn` turns false.
 */
export async function retryWithBackoff(
  work: () => Promise<void>,
  policy: RetryPolicy,
  canGoOn: () => boolean,
  beforeRetry: () => Promise<void> = async () => undefined,
): Promise<{ ok: true } | { ok: false; error: Error; attempts: number }> {
  let lastError = new Error('no attempt made');
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (!canGoOn()) throw new RetryAbortedError();
    try {
      await work();
      return { ok: true };
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
      if (lastError instanceof RetryAbortedError) throw lastError;
      if (attempt < policy.attempts) {
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, policy)));
        await beforeRetry();
      }
    }
  }
  return { ok: false, error: lastError, attempts: policy.attempts };
}
