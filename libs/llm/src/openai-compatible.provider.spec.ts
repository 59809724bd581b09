import { FakeLlmServer, json, silence, sse } from './fake-llm-server';
import { LlmError } from './llm-provider';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Say hello.' },
];

const chatCompletion = (content: string) =>
  json(200, {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  });

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

describe('OpenAiCompatibleProvider', () => {
  let server: FakeLlmServer;
  let provider: OpenAiCompatibleProvider;

  beforeEach(async () => {
    server = await new FakeLlmServer().start();
    provider = new OpenAiCompatibleProvider({ name: 'openai', baseUrl: `${server.url}/v1/`, apiKey: 'sk-test' });
  });
  afterEach(() => server.stop());

  it('posts a chat completion and reads the answer and usage', async () => {
    server.reply(chatCompletion('Hello!'));

    const completion = await provider.complete({ model: 'gpt-4o-mini', messages, maxTokens: 50, temperature: 0 });

    expect(completion).toEqual({
      text: 'Hello!',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { inputTokens: 12, outputTokens: 3 },
      finishReason: 'stop',
      provider: 'openai',
    });
    const [request] = server.received;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body).toEqual({ model: 'gpt-4o-mini', messages, max_tokens: 50, temperature: 0, stream: false });
  });

  it('streams deltas from server-sent events and takes the usage from the last chunk', async () => {
    server.reply(
      sse([
        { data: chunk({ role: 'assistant', content: '' }) },
        { data: chunk({ content: 'Hel' }) },
        { data: chunk({ content: 'lo!' }) },
        { data: chunk({}, 'stop') },
        { data: { ...chunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: 2 } } },
        { data: '[DONE]' },
      ]),
    );
    const deltas: string[] = [];

    const completion = await provider.complete({ model: 'gpt-4o-mini', messages }, (text) => deltas.push(text));

    expect(deltas).toEqual(['Hel', 'lo!']);
    expect(completion).toMatchObject({
      text: 'Hello!',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 2 },
    });
    expect(server.received[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('estimates usage, and says so, when the stream carries none', async () => {
    server.reply(sse([{ data: chunk({ content: 'Hello there!' }, 'stop') }, { data: '[DONE]' }]));

    const completion = await provider.complete({ model: 'llama3', messages }, () => undefined);

    const promptChars = 'Be brief.\nSay hello.'.length;
    expect(completion.usage).toEqual({ inputTokens: Math.ceil(promptChars / 4), outputTokens: 3, estimated: true });
  });

  it('fails a stream cut off before [DONE] as a retryable network error', async () => {
    server.reply(sse([{ data: chunk({ content: 'Hel' }) }]));

    await expect(provider.complete({ model: 'm', messages }, () => undefined)).rejects.toMatchObject({
      kind: 'network',
      retryable: true,
    });
  });

  it.each([
    [429, { 'retry-after': '7' }, { kind: 'rate_limited', retryable: true, status: 429, retryAfterMs: 7000 }],
    [500, {}, { kind: 'server_error', retryable: true, status: 500 }],
    [401, {}, { kind: 'auth', retryable: false, status: 401 }],
    [400, {}, { kind: 'bad_request', retryable: false, status: 400 }],
  ])('maps HTTP %i to an LlmError', async (status, headers, expected) => {
    server.reply(json(status, { error: { message: 'nope', type: 'x' } }, headers));

    const error = await provider.complete({ model: 'm', messages }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject(expected);
    expect((error as LlmError).message).toContain('nope');
  });

  it('times out a server that never answers', async () => {
    server.reply(silence);

    await expect(provider.complete({ model: 'm', messages, timeoutMs: 100 })).rejects.toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const down = new OpenAiCompatibleProvider({ name: 'down', baseUrl: 'http://127.0.0.1:9/v1' });

    await expect(down.complete({ model: 'm', messages })).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('refuses a response without choices as invalid', async () => {
    server.reply(json(200, { choices: [] }));

    await expect(provider.complete({ model: 'm', messages })).rejects.toMatchObject({
      kind: 'invalid_response',
      retryable: false,
    });
  });
});
