import { LlmError, LlmErrorKind } from './llm-provider';

export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Names the provider in error messages. */
  provider: string;
}

/**
 * POSTs JSON and runs `read` on the successful response, all under one timeout. Every failure
 * becomes an LlmError, except the caller's own cancellation, which rejects with the signal's reason.
 */
export async function postJson<T>(options: PostOptions, read: (response: Response) => Promise<T>): Promise<T> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(options.body),
      signal,
    });
    if (!response.ok) throw await errorFromResponse(response, options.provider);
    return await read(response);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    if (error instanceof LlmError) throw error;
    if (timeout.aborted || isAbort(error)) {
      throw new LlmError('timeout', `${options.provider}: request timed out after ${options.timeoutMs} ms`, {
        cause: error,
      });
    }
    const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
    const reason = typeof cause?.message === 'string' ? cause.message : String(error);
    throw new LlmError('network', `${options.provider}: request failed: ${reason}`, { cause: error });
  }
}

/** Reads a JSON body, refusing anything else as an invalid response. */
export async function readJson(response: Response, provider: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LlmError('invalid_response', `${provider}: response is not JSON: ${text.slice(0, 200)}`, {
      cause: error,
    });
  }
}

export function kindOfStatus(status: number): LlmErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403) return 'auth';
  return 'bad_request';
}

export async function errorFromResponse(response: Response, provider: string): Promise<LlmError> {
  const { status } = response;
  const text = await response.text().catch(() => '');
  const detail = (errorMessageOf(text) ?? text).replace(/\s+/g, ' ').trim().slice(0, 300);
  return new LlmError(kindOfStatus(status), `${provider} answered ${status}${detail ? `: ${detail}` : ''}`, {
    status,
    retryAfterMs: parseRetryAfter(response.headers),
  });
}

/** `{"error": {"message": ...}}` (OpenAI, Anthropic), `{"error": "..."}` or `{"message": ...}`. */
function errorMessageOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The wait a server asked for, in ms: `retry-after-ms` (OpenAI) or `Retry-After` in seconds or as an
 * HTTP date; undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms')?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.ceil(Number(milliseconds));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** fetch rejects with a DOMException on abort (not an Error in every realm, so checked by name). */
function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Reads a response body as an async iterable of bytes. */
export function bodyOf(response: Response, provider: string): AsyncIterable<Uint8Array> {
  if (!response.body) throw new LlmError('invalid_response', `${provider}: response has no body`);
  return response.body as unknown as AsyncIterable<Uint8Array>;
}
