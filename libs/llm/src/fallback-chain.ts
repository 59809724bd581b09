import { CircuitBreaker, CircuitBreakerOptions } from './circuit-breaker';
import { ChatMessage, Completion, LlmError, LlmErrorKind, LlmProvider } from './llm-provider';

export interface ChainStep {
  provider: LlmProvider;
  model: string;
  maxTokens?: number;
  temperature?: number;
}

export interface ChainOptions {
  /** Streams the answer. A provider failing mid-stream may already have sent some text. */
  onDelta?: (text: string) => void;
  /** Per provider attempt. */
  timeoutMs?: number;
  /** The caller's cancellation: stops the chain and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ChainAttempt {
  provider: string;
  model: string;
  error?: { kind: LlmErrorKind; message: string; retryable: boolean };
  durationMs: number;
}

export interface ChainResult {
  completion: Completion;
  /** Every provider tried or skipped, in order; the last one answered. */
  attempts: ChainAttempt[];
}

export class AllProvidersFailedError extends Error {
  /** Whether trying again later may help (some provider failed in a retryable way). */
  readonly retryable: boolean;

  constructor(readonly attempts: ChainAttempt[]) {
    const summary = attempts.map((attempt) => `${attempt.provider}: ${attempt.error?.kind}`).join(', ');
    super(attempts.length ? `all LLM providers failed (${summary})` : 'no LLM provider configured');
    this.name = 'AllProvidersFailedError';
    this.retryable = attempts.some((attempt) => attempt.error?.retryable);
  }
}

/**
 * Tries providers in order until one answers, skipping those whose circuit is open. Any provider
 * error moves on to the next provider; circuit breakers are kept per provider name in this chain.
 */
export class FallbackChain {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly clock: () => number;

  constructor(private readonly options: { breaker?: CircuitBreakerOptions; clock?: () => number } = {}) {
    this.clock = options.clock ?? options.breaker?.clock ?? Date.now;
  }

  breakerFor(providerName: string): CircuitBreaker {
    let breaker = this.breakers.get(providerName);
    if (!breaker) {
      breaker = new CircuitBreaker({ clock: this.clock, ...this.options.breaker });
      this.breakers.set(providerName, breaker);
    }
    return breaker;
  }

  async complete(steps: ChainStep[], messages: ChatMessage[], options: ChainOptions = {}): Promise<ChainResult> {
    const attempts: ChainAttempt[] = [];
    for (const { provider, model, maxTokens, temperature } of steps) {
      const breaker = this.breakerFor(provider.name);
      if (!breaker.tryAcquire()) {
        const message = `${provider.name}: circuit open after repeated failures`;
        attempts.push({
          provider: provider.name,
          model,
          error: { kind: 'circuit_open', message, retryable: true },
          durationMs: 0,
        });
        continue;
      }
      const started = this.clock();
      try {
        const completion = await provider.complete(
          { model, messages, maxTokens, temperature, timeoutMs: options.timeoutMs, signal: options.signal },
          options.onDelta,
        );
        breaker.recordSuccess();
        attempts.push({ provider: provider.name, model, durationMs: this.clock() - started });
        return { completion, attempts };
      } catch (error) {
        if (options.signal?.aborted) {
          breaker.release();
          throw options.signal.reason ?? error;
        }
        const failure =
          error instanceof LlmError
            ? error
            : new LlmError('invalid_response', `${provider.name}: ${String(error)}`, { cause: error });
        breaker.recordFailure(failure.retryable);
        attempts.push({
          provider: provider.name,
          model,
          error: { kind: failure.kind, message: failure.message, retryable: failure.retryable },
          durationMs: this.clock() - started,
        });
      }
    }
    throw new AllProvidersFailedError(attempts);
  }
}
