import { bodyOf, postJson, readJson } from './http-transport';
import { Completion, CompletionRequest, LlmError, LlmErrorKind, LlmProvider } from './llm-provider';
import { readServerSentEvents } from './server-sent-events';

export interface AnthropicProviderOptions {
  name: string;
  /** Default https://api.anthropic.com. */
  baseUrl?: string;
  apiKey: string;
  /** Default for requests without `timeoutMs`; 120 s. */
  timeoutMs?: number;
}

interface MessagesJson {
  model?: unknown;
  content?: { type?: unknown; text?: unknown }[];
  stop_reason?: unknown;
  usage?: { input_tokens?: unknown; output_tokens?: unknown };
}

interface StreamEvent {
  type?: unknown;
  message?: MessagesJson;
  delta?: { type?: unknown; text?: unknown; stop_reason?: unknown };
  usage?: { output_tokens?: unknown };
  error?: { type?: unknown; message?: unknown };
}

/** The error types Anthropic names in an `error` stream event. */
const KIND_OF_ERROR_TYPE: Record<string, LlmErrorKind> = {
  overloaded_error: 'server_error',
  api_error: 'server_error',
  rate_limit_error: 'rate_limited',
  authentication_error: 'auth',
  permission_error: 'auth',
  invalid_request_error: 'bad_request',
  not_found_error: 'bad_request',
  request_too_large: 'bad_request',
};

/** Anthropic's Messages API (POST /v1/messages). System messages go to the top-level `system` field. */
export class AnthropicProvider implements LlmProvider {
  readonly type = 'anthropic' as const;
  readonly name: string;
  private readonly url: string;

  constructor(private readonly options: AnthropicProviderOptions) {
    if (!options.name) throw new RangeError('name is required');
    this.name = options.name;
    this.url = `${(options.baseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '')}/v1/messages`;
  }

  complete(request: CompletionRequest, onDelta?: (text: string) => void): Promise<Completion> {
    const stream = onDelta !== undefined;
    const system = request.messages
      .filter((message) => message.role === 'system')
      .map((message) => message.content)
      .join('\n\n');
    const body = {
      model: request.model,
      max_tokens: request.maxTokens ?? 1024,
      ...(system ? { system } : {}),
      messages: request.messages
        .filter((message) => message.role !== 'system')
        .map(({ role, content }) => ({ role, content })),
      temperature: request.temperature,
      stream,
    };
    const headers = { 'x-api-key': this.options.apiKey, 'anthropic-version': '2023-06-01' };
    return postJson(
      {
        url: this.url,
        headers,
        body,
        timeoutMs: request.timeoutMs ?? this.options.timeoutMs ?? 120_000,
        signal: request.signal,
        provider: this.name,
      },
      async (response) =>
        stream && onDelta
          ? this.readStream(response, request, onDelta)
          : this.fromJson(await readJson(response, this.name), request),
    );
  }

  private fromJson(json: unknown, request: CompletionRequest): Completion {
    const message = json as MessagesJson | null;
    if (!Array.isArray(message?.content)) {
      throw new LlmError('invalid_response', `${this.name}: response has no content blocks`);
    }
    const text = message.content
      .filter((block) => block.type === 'text' && typeof block.text === 'string')
      .map((block) => block.text as string)
      .join('');
    return {
      text,
      model: typeof message.model === 'string' ? message.model : request.model,
      usage: { inputTokens: count(message.usage?.input_tokens), outputTokens: count(message.usage?.output_tokens) },
      finishReason: typeof message.stop_reason === 'string' ? message.stop_reason : null,
      provider: this.name,
    };
  }

  private async readStream(
    response: Response,
    request: CompletionRequest,
    onDelta: (text: string) => void,
  ): Promise<Completion> {
    const completion: Completion = {
      text: '',
      model: request.model,
      usage: { inputTokens: 0, outputTokens: 0 },
      finishReason: null,
      provider: this.name,
    };
    for await (const { data } of readServerSentEvents(bodyOf(response, this.name))) {
      const event = parseEvent(data, this.name);
      switch (event.type) {
        case 'message_start':
          if (typeof event.message?.model === 'string') completion.model = event.message.model;
          completion.usage.inputTokens = count(event.message?.usage?.input_tokens);
          completion.usage.outputTokens = count(event.message?.usage?.output_tokens);
          break;
        case 'content_block_delta':
          if (event.delta?.type === 'text_delta' && typeof event.delta.text === 'string' && event.delta.text) {
            completion.text += event.delta.text;
            onDelta(event.delta.text);
          }
          break;
        case 'message_delta':
          if (typeof event.usage?.output_tokens === 'number') completion.usage.outputTokens = event.usage.output_tokens;
          if (typeof event.delta?.stop_reason === 'string') completion.finishReason = event.delta.stop_reason;
          break;
        case 'message_stop':
          return completion;
        case 'error': {
          const type = typeof event.error?.type === 'string' ? event.error.type : 'unknown_error';
          const message = typeof event.error?.message === 'string' ? event.error.message : type;
          throw new LlmError(KIND_OF_ERROR_TYPE[type] ?? 'server_error', `${this.name}: ${type} in stream: ${message}`);
        }
        default: // ping, content_block_start, content_block_stop
      }
    }
    throw new LlmError('network', `${this.name}: stream ended before message_stop`);
  }
}

function parseEvent(data: string, provider: string): StreamEvent {
  try {
    return JSON.parse(data) as StreamEvent;
  } catch (error) {
    throw new LlmError('invalid_response', `${provider}: stream event is not JSON: ${data.slice(0, 200)}`, {
      cause: error,
    });
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
