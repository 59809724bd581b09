export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive retryable failures that open the circuit; default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call is let through; default 30 s. */
  openMs?: number;
  /** Milliseconds now (tests pass a fake clock); default Date.now. */
  clock?: () => number;
}

/**
 * closed → open after `failureThreshold` consecutive retryable failures → half-open after `openMs`,
 * letting one trial call through → closed on its success, open again on its failure. Non-retryable
 * failures (auth, bad request) say nothing about the provider's health: they neither count nor reset
 * the count, but a failed trial call reopens the circuit whatever the failure.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly openMs: number;
  private readonly clock: () => number;
  private failures = 0;
  private openedAt = 0;
  private opened = false;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 30_000;
    this.clock = options.clock ?? Date.now;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new RangeError('failureThreshold must be an integer of at least 1');
    }
    if (!(this.openMs >= 0)) throw new RangeError('openMs must be at least 0');
  }

  get state(): CircuitState {
    if (!this.opened) return 'closed';
    return this.clock() - this.openedAt >= this.openMs ? 'half-open' : 'open';
  }

  /** Whether a call may go ahead now; in half-open, true once (the trial) until its outcome is recorded. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.opened = false;
    this.trialInFlight = false;
  }

  recordFailure(retryable: boolean): void {
    if (this.opened) {
      if (this.trialInFlight) this.open();
      return;
    }
    if (!retryable) return;
    this.failures++;
    if (this.failures >= this.failureThreshold) this.open();
  }

  /** Frees the trial slot of a call that ended without a verdict (cancelled by the caller). */
  release(): void {
    this.trialInFlight = false;
  }

  private open(): void {
    this.opened = true;
    this.openedAt = this.clock();
    this.trialInFlight = false;
  }
}
