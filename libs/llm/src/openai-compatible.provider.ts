import { bodyOf, postJson, readJson } from './http-transport';
import { Completion, CompletionRequest, estimateTokens, LlmError, LlmProvider, TokenUsage } from './llm-provider';
import { readServerSentEvents } from './server-sent-events';

export interface OpenAiCompatibleProviderOptions {
  name: string;
  /** Up to and including the API version, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  baseUrl: string;
  apiKey?: string;
  /** Default for requests without `timeoutMs`; 120 s. */
  timeoutMs?: number;
}

interface ChatCompletionJson {
  model?: unknown;
  choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

interface ChatCompletionChunk {
  model?: unknown;
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
  error?: { message?: unknown };
}

/** Any server speaking OpenAI's POST /chat/completions: OpenAI, Ollama (/v1), vLLM, LiteLLM, Groq... */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly type = 'openai-compatible' as const;
  readonly name: string;
  private readonly url: string;

  constructor(private readonly options: OpenAiCompatibleProviderOptions) {
    if (!options.name) throw new RangeError('name is required');
    this.name = options.name;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  complete(request: CompletionRequest, onDelta?: (text: string) => void): Promise<Completion> {
    const stream = onDelta !== undefined;
    const body = {
      model: request.model,
      messages: request.messages.map(({ role, content }) => ({ role, content })),
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    };
    const headers: Record<string, string> = this.options.apiKey
      ? { authorization: `Bearer ${this.options.apiKey}` }
      : {};
    return postJson(
      {
        url: this.url,
        headers,
        body,
        timeoutMs: request.timeoutMs ?? this.options.timeoutMs ?? 120_000,
        signal: request.signal,
        provider: this.name,
      },
      async (response) => {
        // A server that ignores `stream` answers with plain JSON: deliver it as a single delta.
        if (stream && response.headers.get('content-type')?.includes('text/event-stream')) {
          return this.readStream(response, request, onDelta);
        }
        const completion = this.fromJson(await readJson(response, this.name), request);
        if (onDelta && completion.text) onDelta(completion.text);
        return completion;
      },
    );
  }

  private fromJson(json: unknown, request: CompletionRequest): Completion {
    const choice = (json as ChatCompletionJson | null)?.choices?.[0];
    const text = choice?.message?.content;
    if (typeof text !== 'string') {
      throw new LlmError('invalid_response', `${this.name}: response has no choices[0].message.content`);
    }
    const { model, usage } = json as ChatCompletionJson;
    return {
      text,
      model: typeof model === 'string' ? model : request.model,
      usage: usageOf(usage, request, text),
      finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
      provider: this.name,
    };
  }

  private async readStream(
    response: Response,
    request: CompletionRequest,
    onDelta?: (text: string) => void,
  ): Promise<Completion> {
    let text = '';
    let model = request.model;
    let finishReason: string | null = null;
    let usage: ChatCompletionChunk['usage'];
    let done = false;
    for await (const { data } of readServerSentEvents(bodyOf(response, this.name))) {
      if (data.trim() === '[DONE]') {
        done = true;
        break;
      }
      const chunk = parseChunk(data, this.name);
      if (chunk.error) {
        const message = typeof chunk.error.message === 'string' ? chunk.error.message : JSON.stringify(chunk.error);
        throw new LlmError('server_error', `${this.name}: error in stream: ${message}`);
      }
      if (typeof chunk.model === 'string') model = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (typeof delta === 'string' && delta) {
        text += delta;
        onDelta?.(delta);
      }
      if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
    }
    if (!done && finishReason === null) {
      throw new LlmError('network', `${this.name}: stream ended before the answer was complete`);
    }
    return { text, model, usage: usageOf(usage, request, text), finishReason, provider: this.name };
  }
}

function parseChunk(data: string, provider: string): ChatCompletionChunk {
  try {
    return JSON.parse(data) as ChatCompletionChunk;
  } catch (error) {
    throw new LlmError('invalid_response', `${provider}: stream event is not JSON: ${data.slice(0, 200)}`, {
      cause: error,
    });
  }
}

function usageOf(usage: ChatCompletionJson['usage'], request: CompletionRequest, text: string): TokenUsage {
  if (typeof usage?.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number') {
    return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
  }
  const prompt = request.messages.map((message) => message.content).join('\n');
  return { inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(text), estimated: true };
}
