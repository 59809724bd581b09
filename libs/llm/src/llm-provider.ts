export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Whole request, including reading a streamed answer; each provider has its own default. */
  timeoutMs?: number;
  /** The caller's cancellation: an aborted request rejects with the signal's reason, not an LlmError. */
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the server reported no usage and the counts are ceil(characters / 4). */
  estimated?: boolean;
}

export interface Completion {
  text: string;
  model: string;
  usage: TokenUsage;
  finishReason: string | null;
  provider: string;
}

export type LlmProviderType = 'openai-compatible' | 'anthropic' | 'local-extractive';

export interface LlmProvider {
  readonly name: string;
  readonly type: LlmProviderType;
  /** With `onDelta` the answer is streamed: it is called with each new piece of text, in order. */
  complete(request: CompletionRequest, onDelta?: (text: string) => void): Promise<Completion>;
}

export type LlmErrorKind =
  | 'rate_limited'
  | 'timeout'
  | 'server_error'
  | 'bad_request'
  | 'auth'
  | 'network'
  | 'circuit_open'
  | 'invalid_response';

const RETRYABLE_BY_DEFAULT: Record<LlmErrorKind, boolean> = {
  rate_limited: true,
  timeout: true,
  server_error: true,
  network: true,
  circuit_open: true,
  bad_request: false,
  auth: false,
  invalid_response: false,
};

export class LlmError extends Error {
  /** Whether the same request may succeed later, here or at another provider. */
  readonly retryable: boolean;
  readonly status?: number;
  /** The wait the server asked for (Retry-After). */
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    details: { retryable?: boolean; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'LlmError';
    this.retryable = details.retryable ?? RETRYABLE_BY_DEFAULT[kind];
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The estimate used when a server reports no usage: one token per four characters. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
