import { ServiceCallError } from '@rag/http';
import { AllProvidersFailedError, ChainAttempt } from '@rag/llm';

/** Why an attempt of a run ended without an answer; `type` is agent_failures.error_type. */
export class RunError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly retryable: boolean,
    /** Provider calls that failed on the way (each one also an agent_failures row). */
    readonly providerFailures: ChainAttempt[] = [],
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/** The run's own deadline (AGENT_RUN_TIMEOUT_MS) passed. */
export class RunTimeoutError extends RunError {
  constructor(timeoutMs: number) {
    super('timeout', `the attempt did not finish within ${timeoutMs} ms`, true);
  }
}

export function toRunError(error: unknown): RunError {
  if (error instanceof RunError) return error;
  if (error instanceof AllProvidersFailedError) {
    const failed = error.attempts.filter((attempt) => attempt.error);
    const type = failed.length === 0 ? 'no_llm_provider' : 'all_providers_failed';
    return new RunError(type, error.message, error.retryable, failed);
  }
  if (error instanceof ServiceCallError) {
    const type =
      error.status === undefined || error.status >= 500 ? `${error.service}_unavailable` : `${error.service}_refused`;
    return new RunError(type, error.message, error.retryable);
  }
  return new RunError('internal_error', error instanceof Error ? error.message : String(error), false);
}
