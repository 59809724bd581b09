import { setTimeout as delay } from 'node:timers/promises';
import { Embedder, EmbeddingError } from './embedder';
import { parseEmbeddingsResponse } from './openai-embeddings-response';
import { backoffDelay, parseRetryAfter } from './retry-delay';

export interface OpenAiCompatibleOptions {
  /** Up to and including the API version, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  baseUrl: string;
  model: string;
  /** Width of the vectors the model returns; a response of another width is refused. */
  dimensions: number;
  apiKey?: string;
  /** Send `dimensions` in the request (OpenAI text-embedding-3, Matryoshka models); default false. */
  sendDimensions?: boolean;
  /** Texts per request; default 64. */
  batchSize?: number;
  /** Per request (attempt), including reading the body; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 408/429/5xx, network errors and timeouts; default 4. */
  maxRetries?: number;
  /** First backoff ceiling, doubled per retry; default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest wait between attempts: a Retry-After beyond it fails at once (retryable); default 30 s. */
  maxRetryDelayMs?: number;
  /** How to wait between attempts (tests record the delays). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Any server speaking OpenAI's POST /embeddings: OpenAI, Ollama (/v1), vLLM, Text Embeddings
 * Inference. Blank texts are not sent: they get the all-zero vector, as with feature hashing.
 */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  private readonly url: string;
  private readonly batchSize: number;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    this.batchSize = options.batchSize ?? 64;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 4;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    if (!options.model) throw new RangeError('model is required');
    for (const [name, value, min] of [
      ['dimensions', this.dimensions, 1],
      ['batchSize', this.batchSize, 1],
      ['timeoutMs', this.timeoutMs, 1],
      ['maxRetries', this.maxRetries, 0],
    ] as const) {
      if (!Number.isInteger(value) || value < min)
        throw new RangeError(`${name} must be an integer of at least ${min}`);
    }
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = texts.map(() => new Float32Array(this.dimensions));
    const toSend = texts.flatMap((text, i) => (text.trim() ? [i] : []));
    for (let start = 0; start < toSend.length; start += this.batchSize) {
      const batch = toSend.slice(start, start + this.batchSize);
      const embedded = await this.embedBatch(batch.map((i) => texts[i]));
      batch.forEach((i, at) => (vectors[i] = embedded[at]));
    }
    return vectors;
  }

  private async embedBatch(input: string[]): Promise<Float32Array[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(input);
      } catch (error) {
        const failure = error instanceof EmbeddingError ? error : new EmbeddingError(String(error), false);
        if (!failure.retryable) throw failure;
        const wait = Math.max(
          failure.details.retryAfterMs ?? 0,
          backoffDelay(attempt, this.retryBaseDelayMs, this.maxRetryDelayMs),
        );
        if (attempt >= this.maxRetries || wait > this.maxRetryDelayMs) {
          throw new EmbeddingError(`${failure.message} (gave up after ${attempt + 1} attempts)`, true, failure.details);
        }
        await this.sleep(wait);
      }
    }
  }

  private async request(input: string[]): Promise<Float32Array[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const body = { model: this.model, input, ...(this.options.sendDimensions ? { dimensions: this.dimensions } : {}) };
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify(body), signal });
      if (!response.ok) throw await statusError(response);
      const json: unknown = await response.json().catch((error: unknown) => {
        if (isTimeout(error)) throw error;
        throw new EmbeddingError('invalid embeddings response: not JSON', false, { cause: error });
      });
      return parseEmbeddingsResponse(json, input.length, this.dimensions);
    } catch (error) {
      if (error instanceof EmbeddingError) throw error;
      if (isTimeout(error)) {
        throw new EmbeddingError(`embedding request timed out after ${this.timeoutMs} ms`, true, { cause: error });
      }
      const cause = (error as { cause?: { message?: unknown } }).cause;
      const reason = typeof cause?.message === 'string' ? cause.message : String(error);
      throw new EmbeddingError(`embedding request failed: ${reason}`, true, { cause: error });
    }
  }
}

async function statusError(response: Response): Promise<EmbeddingError> {
  const { status } = response;
  const retryable = status === 408 || status === 429 || status >= 500;
  const text = await response.text().catch(() => '');
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') detail = message;
  } catch {
    // not JSON: keep the text
  }
  const summary = detail.replace(/\s+/g, ' ').trim().slice(0, 300);
  return new EmbeddingError(`embedding server answered ${status}${summary ? `: ${summary}` : ''}`, retryable, {
    status,
    retryAfterMs: parseRetryAfter(response.headers),
  });
}

/** fetch rejects with a DOMException on timeout (not an Error in every realm, so checked by name). */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
