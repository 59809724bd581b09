import { AnthropicProvider } from './anthropic.provider';
import { FakeLlmServer, json, silence, sse } from './fake-llm-server';
import { LlmError } from './llm-provider';

const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Say hello.' },
];

describe('AnthropicProvider', () => {
  let server: FakeLlmServer;
  let provider: AnthropicProvider;

  beforeEach(async () => {
    server = await new FakeLlmServer().start();
    provider = new AnthropicProvider({ name: 'claude', baseUrl: server.url, apiKey: 'sk-ant-test' });
  });
  afterEach(() => server.stop());

  it('posts to /v1/messages with the system prompt apart and reads the text blocks', async () => {
    server.reply(
      json(200, {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-3-5-haiku-20241022',
        content: [
          { type: 'text', text: 'Hello' },
          { type: 'text', text: ' there!' },
        ],
        stop_reason: 'end_turn',
        usage: { input_tokens: 20, output_tokens: 4 },
      }),
    );

    const completion = await provider.complete({ model: 'claude-3-5-haiku-latest', messages });

    expect(completion).toEqual({
      text: 'Hello there!',
      model: 'claude-3-5-haiku-20241022',
      usage: { inputTokens: 20, outputTokens: 4 },
      finishReason: 'end_turn',
      provider: 'claude',
    });
    const [request] = server.received;
    expect(request.url).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe('sk-ant-test');
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.body).toEqual({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 1024,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hello.' }],
      stream: false,
    });
  });

  it('streams text deltas and collects usage and stop reason from the events', async () => {
    server.reply(
      sse([
        {
          event: 'message_start',
          data: {
            type: 'message_start',
            message: { model: 'claude-3-5-haiku-20241022', content: [], usage: { input_tokens: 20, output_tokens: 1 } },
          },
        },
        {
          event: 'content_block_start',
          data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        },
        { event: 'ping', data: { type: 'ping' } },
        {
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
        },
        {
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo!' } },
        },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        {
          event: 'message_delta',
          data: { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } },
        },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ]),
    );
    const deltas: string[] = [];

    const completion = await provider.complete({ model: 'm', messages, maxTokens: 64 }, (text) => deltas.push(text));

    expect(deltas).toEqual(['Hel', 'lo!']);
    expect(completion).toEqual({
      text: 'Hello!',
      model: 'claude-3-5-haiku-20241022',
      usage: { inputTokens: 20, outputTokens: 3 },
      finishReason: 'end_turn',
      provider: 'claude',
    });
    expect(server.received[0].body).toMatchObject({ stream: true, max_tokens: 64 });
  });

  it('turns an error event in the stream into an LlmError', async () => {
    server.reply(
      sse([
        { event: 'message_start', data: { type: 'message_start', message: { usage: { input_tokens: 1 } } } },
        { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
      ]),
    );

    await expect(provider.complete({ model: 'm', messages }, () => undefined)).rejects.toMatchObject({
      kind: 'server_error',
      retryable: true,
    });
  });

  it.each([
    [429, { 'retry-after': '3' }, { kind: 'rate_limited', retryable: true, retryAfterMs: 3000 }],
    [500, {}, { kind: 'server_error', retryable: true }],
    [529, {}, { kind: 'server_error', retryable: true }],
    [401, {}, { kind: 'auth', retryable: false }],
  ])('maps HTTP %i to an LlmError', async (status, headers, expected) => {
    server.reply(json(status, { type: 'error', error: { type: 'some_error', message: 'nope' } }, headers));

    const error = await provider.complete({ model: 'm', messages }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ ...expected, status });
  });

  it('times out a server that never answers', async () => {
    server.reply(silence);

    await expect(provider.complete({ model: 'm', messages, timeoutMs: 100 })).rejects.toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
  });

  it("rejects with the caller's abort reason, not an LlmError", async () => {
    server.reply(silence);
    const controller = new AbortController();
    const pending = provider.complete({ model: 'm', messages, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user went away')), 50);

    await expect(pending).rejects.toThrow('user went away');
  });
});
