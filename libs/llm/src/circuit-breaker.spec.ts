import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  let breaker: CircuitBreaker;
  beforeEach(() => {
    now = 0;
    breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000, clock: () => now });
  });
  const fail = (times: number, retryable = true) => {
    for (let i = 0; i < times; i++) breaker.recordFailure(retryable);
  };

  it('opens after the threshold of consecutive retryable failures', () => {
    fail(2);
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    fail(1);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('counts only consecutive failures, and not non-retryable ones', () => {
    fail(2);
    breaker.recordSuccess();
    fail(2);
    fail(5, false);
    expect(breaker.state).toBe('closed');
  });

  it('lets one trial call through when half-open and closes on its success', () => {
    fail(3);
    now = 999;
    expect(breaker.state).toBe('open');
    now = 1000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('reopens for another openMs when the trial call fails', () => {
    fail(3);
    now = 1000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure(false);
    expect(breaker.state).toBe('open');
    now = 1999;
    expect(breaker.tryAcquire()).toBe(false);
    now = 2000;
    expect(breaker.state).toBe('half-open');
  });

  it('frees the trial slot of a cancelled call', () => {
    fail(3);
    now = 1000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
