import { backoffDelay, RetryAbortedError, retryWithBackoff } from './retry';

const fast = { attempts: 3, baseMs: 1, maxMs: 2 };
const always = () => true;

/** Work that fails `failures` times (with the given thrown values) and then succeeds. */
function flaky(failures: unknown[]) {
  const calls = { count: 0 };
  const work = async () => {
    const failure = failures[calls.count++];
    if (calls.count <= failures.length) throw failure;
  };
  return { work, calls };
}

describe('backoffDelay', () => {
  afterEach(() => jest.restoreAllMocks());

  it('doubles from baseMs per attempt, jittered between half and all of it', () => {
    const policy = { attempts: 10, baseMs: 100, maxMs: 100_000 };
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy))).toEqual([50, 100, 200, 400]);
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds maxMs, however many attempts', () => {
    const policy = { attempts: 100, baseMs: 100, maxMs: 5000 };
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoffDelay(7, policy)).toBe(5000);
    expect(backoffDelay(60, policy)).toBe(5000);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffDelay(60, policy)).toBe(2500);
  });

  it('stays within its bounds with real randomness', () => {
    const policy = { attempts: 5, baseMs: 40, maxMs: 1000 };
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(3, policy);
      expect(delay).toBeGreaterThanOrEqual(80);
      expect(delay).toBeLessThanOrEqual(160);
    }
  });
});

describe('retryWithBackoff', () => {
  it('runs successful work once', async () => {
    const { work, calls } = flaky([]);
    const beforeRetry = jest.fn(async () => undefined);
    expect(await retryWithBackoff(work, fast, always, beforeRetry)).toEqual({ ok: true });
    expect(calls.count).toBe(1);
    expect(beforeRetry).not.toHaveBeenCalled();
  });

  it('retries until the work succeeds, calling beforeRetry between attempts', async () => {
    const { work, calls } = flaky([new Error('one'), new Error('two')]);
    const beforeRetry = jest.fn(async () => undefined);
    expect(await retryWithBackoff(work, fast, always, beforeRetry)).toEqual({ ok: true });
    expect(calls.count).toBe(3);
    expect(beforeRetry).toHaveBeenCalledTimes(2);
  });

  it('gives up after policy.attempts and returns the last error', async () => {
    const { work, calls } = flaky([new Error('first'), new Error('second'), new Error('third'), new Error('never')]);
    const beforeRetry = jest.fn(async () => undefined);
    const result = await retryWithBackoff(work, fast, always, beforeRetry);
    expect(result).toEqual({ ok: false, error: new Error('third'), attempts: 3 });
    expect(calls.count).toBe(3);
    expect(beforeRetry).toHaveBeenCalledTimes(2);
  });

  it('wraps thrown values that are not errors', async () => {
    const { work } = flaky(['plain string', 'plain string', { code: 42 }]);
    const result = await retryWithBackoff(work, fast, always);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error.message).toBe('[object Object]');
  });

  it('waits a backoff between attempts', async () => {
    const { work } = flaky([new Error('a'), new Error('b')]);
    const started = Date.now();
    await retryWithBackoff(work, { attempts: 3, baseMs: 60, maxMs: 1000 }, always);
    // at least 30 ms (half of 60) + 60 ms (half of 120)
    expect(Date.now() - started).toBeGreaterThanOrEqual(85);
  });

  it('aborts before the first attempt when it may not go on', async () => {
    const { work, calls } = flaky([]);
    await expect(retryWithBackoff(work, fast, () => false)).rejects.toBeInstanceOf(RetryAbortedError);
    expect(calls.count).toBe(0);
  });

  it('aborts between attempts once canGoOn turns false', async () => {
    const { work, calls } = flaky([new Error('a'), new Error('b'), new Error('c')]);
    let checks = 0;
    await expect(retryWithBackoff(work, { ...fast, attempts: 5 }, () => ++checks <= 2)).rejects.toThrow(
      RetryAbortedError,
    );
    expect(calls.count).toBe(2);
  });

  it('does not retry work that itself aborted', async () => {
    const { work, calls } = flaky([new RetryAbortedError()]);
    await expect(retryWithBackoff(work, fast, always)).rejects.toThrow('retry aborted');
    expect(calls.count).toBe(1);
  });

  it('makes no attempt with zero attempts allowed', async () => {
    const { work, calls } = flaky([]);
    expect(await retryWithBackoff(work, { ...fast, attempts: 0 }, always)).toEqual({
      ok: false,
      error: new Error('no attempt made'),
      attempts: 0,
    });
    expect(calls.count).toBe(0);
  });
});

describe('retryWithBackoff with transient failures', () => {
  const transient = (error: Error) => error.message === 'database restarting';

  it('retries transient failures without counting them as attempts', async () => {
    const down = Array.from({ length: 10 }, () => new Error('database restarting'));
    const { work, calls } = flaky([...down, new Error('bad event')]);
    expect(await retryWithBackoff(work, fast, always, undefined, transient)).toEqual({ ok: true });
    expect(calls.count).toBe(12);
  });

  it('still gives up after policy.attempts failures that are not transient', async () => {
    const { work, calls } = flaky([
      new Error('bad event'),
      new Error('database restarting'),
      new Error('bad event'),
      new Error('bad event'),
    ]);
    const result = await retryWithBackoff(work, fast, always, undefined, transient);
    expect(result).toEqual({ ok: false, error: new Error('bad event'), attempts: 3 });
    expect(calls.count).toBe(4);
  });

  it('stops retrying a transient failure when the consumer may not go on', async () => {
    let allowed = 3;
    const { work } = flaky(Array.from({ length: 100 }, () => new Error('database restarting')));
    await expect(retryWithBackoff(work, fast, () => allowed-- > 0, undefined, transient)).rejects.toThrow(
      'retry aborted',
    );
  });
});
