import { AnthropicProvider } from './anthropic.provider';
import { FakeLlmServer, json, silence } from './fake-llm-server';
import { AllProvidersFailedError, FallbackChain } from './fallback-chain';
import { LocalExtractiveAnswerer } from './local-extractive.answerer';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';
import { buildRagPrompt } from './rag-prompt';

const answer = (content: string) =>
  json(200, {
    model: 'gpt-x',
    choices: [{ message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 1 },
  });
const messages = buildRagPrompt('When are invoices due?', [{ id: 'a', text: 'Invoices are due in 30 days.' }]);

describe('FallbackChain', () => {
  let first: FakeLlmServer;
  let second: FakeLlmServer;
  let now: number;
  let chain: FallbackChain;
  let steps: { provider: OpenAiCompatibleProvider | AnthropicProvider; model: string }[];

  beforeEach(async () => {
    [first, second] = await Promise.all([new FakeLlmServer().start(), new FakeLlmServer().start()]);
    now = 0;
    chain = new FallbackChain({ breaker: { failureThreshold: 2, openMs: 10_000 }, clock: () => now });
    steps = [
      { provider: new OpenAiCompatibleProvider({ name: 'primary', baseUrl: first.url }), model: 'big' },
      { provider: new AnthropicProvider({ name: 'secondary', baseUrl: second.url, apiKey: 'k' }), model: 'claude' },
    ];
  });
  afterEach(() => Promise.all([first.stop(), second.stop()]));

  const anthropicAnswer = json(200, {
    model: 'claude',
    content: [{ type: 'text', text: 'From Claude.' }],
    stop_reason: 'end_turn',
    usage: { input_tokens: 5, output_tokens: 2 },
  });

  it('answers with the first provider when it works', async () => {
    first.reply(answer('Hi.'));

    const { completion, attempts } = await chain.complete(steps, messages);

    expect(completion).toMatchObject({ text: 'Hi.', provider: 'primary' });
    expect(attempts).toEqual([{ provider: 'primary', model: 'big', durationMs: 0 }]);
    expect(second.received).toHaveLength(0);
  });

  it.each([
    ['a 500', json(500, { error: { message: 'boom' } }), 'server_error'],
    ['a 429', json(429, { error: { message: 'slow down' } }, { 'retry-after': '1' }), 'rate_limited'],
    ['a timeout', silence, 'timeout'],
  ])('falls back to the next provider after %s', async (_label, reply, kind) => {
    first.reply(reply);
    second.reply(anthropicAnswer);

    const { completion, attempts } = await chain.complete(steps, messages, { timeoutMs: 200 });

    expect(completion).toMatchObject({ text: 'From Claude.', provider: 'secondary' });
    expect(attempts).toEqual([
      {
        provider: 'primary',
        model: 'big',
        error: { kind, message: expect.any(String), retryable: true },
        durationMs: 0,
      },
      { provider: 'secondary', model: 'claude', durationMs: 0 },
    ]);
  });

  it('moves on after a non-retryable error too', async () => {
    first.reply(json(401, { error: { message: 'bad key' } }));
    second.reply(anthropicAnswer);

    const { attempts } = await chain.complete(steps, messages);

    expect(attempts[0].error).toMatchObject({ kind: 'auth', retryable: false });
    expect(attempts[1].error).toBeUndefined();
  });

  it('throws AllProvidersFailedError carrying every attempt when none answers', async () => {
    first.reply(json(500, {}));
    second.reply(json(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));

    const error = await chain.complete(steps, messages).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AllProvidersFailedError);
    expect((error as AllProvidersFailedError).retryable).toBe(true);
    expect(
      (error as AllProvidersFailedError).attempts.map((attempt) => [attempt.provider, attempt.error?.kind]),
    ).toEqual([
      ['primary', 'server_error'],
      ['secondary', 'server_error'],
    ]);
  });

  it('skips a provider whose circuit is open, and tries it again once the circuit is half-open', async () => {
    for (let i = 0; i < 2; i++) {
      first.reply(json(500, {}));
      second.reply(anthropicAnswer);
      await chain.complete(steps, messages);
    }
    expect(chain.breakerFor('primary').state).toBe('open');

    second.reply(anthropicAnswer);
    const { attempts } = await chain.complete(steps, messages);
    expect(first.received).toHaveLength(2);
    expect(attempts[0]).toEqual({
      provider: 'primary',
      model: 'big',
      error: { kind: 'circuit_open', message: expect.any(String), retryable: true },
      durationMs: 0,
    });

    now += 10_000;
    first.reply(answer('Back.'));
    const recovered = await chain.complete(steps, messages);
    expect(recovered.completion.text).toBe('Back.');
    expect(chain.breakerFor('primary').state).toBe('closed');
  });

  it('can end with the local extractive answerer, which always answers', async () => {
    first.reply(json(503, {}));
    second.reply(json(503, {}));

    const { completion, attempts } = await chain.complete(
      [...steps, { provider: new LocalExtractiveAnswerer(), model: 'extractive' }],
      messages,
    );

    expect(completion.text).toBe('Invoices are due in 30 days. [1]');
    expect(attempts).toHaveLength(3);
  });
});
