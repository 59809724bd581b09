import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { EmbeddingError } from './embedder';
import { OpenAiCompatibleEmbedder, OpenAiCompatibleOptions } from './openai-compatible.embedder';

interface Received {
  url: string;
  authorization?: string;
  body: { model: string; input: string[]; dimensions?: number };
}
type Reply = (request: Received, response: ServerResponse) => void;

/** A local server speaking the OpenAI embeddings wire format, answering with queued replies. */
class FakeEmbeddingsServer {
  readonly received: Received[] = [];
  private readonly replies: Reply[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const received = { url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(text) };
    this.received.push(received);
    (this.replies.shift() ?? embeddings())(received, response);
  }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

/** One vector per input: [length of the text, 1, 0, ...], so order can be checked after normalising. */
const vectorOf = (text: string, dimensions: number): number[] =>
  Array.from({ length: dimensions }, (_, i) => (i === 0 ? text.length : i === 1 ? 1 : 0));

const embeddings =
  (options: { dimensions?: number; reverse?: boolean } = {}): Reply =>
  (request, response) => {
    const dimensions = options.dimensions ?? 4;
    const data = request.body.input.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: vectorOf(text, dimensions),
    }));
    if (options.reverse) data.reverse();
    json(200, { object: 'list', data, model: request.body.model, usage: { prompt_tokens: 1, total_tokens: 1 } })(
      request,
      response,
    );
  };

const expected = (text: string): number[] => {
  const raw = vectorOf(text, 4);
  const norm = Math.hypot(...raw);
  return raw.map((value) => value / norm);
};

describe('OpenAiCompatibleEmbedder', () => {
  const server = new FakeEmbeddingsServer();
  const sleeps: number[] = [];

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.received.length = 0;
    sleeps.length = 0;
  });

  const embedder = (options: Partial<OpenAiCompatibleOptions> = {}): OpenAiCompatibleEmbedder =>
    new OpenAiCompatibleEmbedder({
      baseUrl: server.url,
      model: 'text-embedding-test',
      dimensions: 4,
      retryBaseDelayMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
      ...options,
    });

  const failure = async (promise: Promise<unknown>): Promise<EmbeddingError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EmbeddingError);
    return error as EmbeddingError;
  };

  it('posts model and input to /embeddings with the bearer key, in batches, vectors normalised and in order', async () => {
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const vectors = await embedder({ apiKey: 'sk-test', batchSize: 2, baseUrl: `${server.url}/` }).embed(texts);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(
      texts.map((text) => expected(text).map((value) => expect.closeTo(value, 6))),
    );
    expect(server.received.map((request) => request.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(server.received[0]).toEqual({
      url: '/v1/embeddings',
      authorization: 'Bearer sk-test',
      body: { model: 'text-embedding-test', input: ['a', 'bb'] },
    });
    expect(vectors.every((vector) => vector instanceof Float32Array && vector.length === 4)).toBe(true);
  });

  it('sends no authorization without a key, and dimensions only when asked to', async () => {
    await embedder().embed(['x']);
    await embedder({ sendDimensions: true }).embed(['x']);
    expect(server.received[0].authorization).toBeUndefined();
    expect(server.received[0].body).not.toHaveProperty('dimensions');
    expect(server.received[1].body.dimensions).toBe(4);
  });

  it('puts vectors back in input order whatever the order of data', async () => {
    server.reply(embeddings({ reverse: true }));
    const vectors = await embedder().embed(['one', 'three', 'fives']);
    expect(vectors.map((vector) => Array.from(vector))).toEqual(
      ['one', 'three', 'fives'].map((text) => expected(text).map((value) => expect.closeTo(value, 6))),
    );
  });

  it('does not send blank texts: they get the zero vector; nothing to send, no request', async () => {
    const vectors = await embedder().embed(['', 'text', '   ']);
    expect(server.received.map((request) => request.body.input)).toEqual([['text']]);
    expect(Array.from(vectors[0])).toEqual([0, 0, 0, 0]);
    expect(Array.from(vectors[2])).toEqual([0, 0, 0, 0]);
    expect(await embedder().embed([])).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    server.reply(json(429, { error: { message: 'Rate limit reached' } }, { 'retry-after': '2' }));
    const [vector] = await embedder().embed(['hello']);
    expect(Array.from(vector)).toEqual(expected('hello').map((value) => expect.closeTo(value, 6)));
    expect(server.received).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('backs off exponentially on 5xx and gives up with a retryable error', async () => {
    const down = json(500, { error: { message: 'model overloaded' } });
    server.reply(down, down, down, down);
    const error = await failure(embedder({ maxRetries: 3 }).embed(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(500);
    expect(error.message).toContain('model overloaded');
    expect(error.message).toContain('after 4 attempts');
    expect(server.received).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, attempt) => {
      expect(ms).toBeGreaterThanOrEqual((100 * 2 ** attempt) / 2);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** attempt);
    });
  });

  it('gives up at once, retryable, when Retry-After exceeds the longest wait', async () => {
    server.reply(json(429, { error: 'quota' }, { 'retry-after': '3600' }));
    const error = await failure(embedder({ maxRetryDelayMs: 10_000 }).embed(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.details.retryAfterMs).toBe(3_600_000);
    expect(server.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('fails on 400 without retrying: not retryable', async () => {
    server.reply(json(400, { error: { message: "'$.input' is invalid", type: 'invalid_request_error' } }));
    const error = await failure(embedder().embed(['hello']));
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.message).toBe("embedding server answered 400: '$.input' is invalid");
    expect(server.received).toHaveLength(1);
  });

  it('times out a hanging request, retries it, then fails retryable', async () => {
    const hang: Reply = () => undefined;
    server.reply(hang, hang);
    const started = Date.now();
    const error = await failure(embedder({ timeoutMs: 150, maxRetries: 1 }).embed(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('timed out after 150 ms');
    expect(server.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('treats an unreachable server as retryable', async () => {
    const error = await failure(embedder({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 1 }).embed(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/embedding request failed: .+ \(gave up after 2 attempts\)/);
    expect(sleeps).toHaveLength(1);
  });

  it.each([
    ['too few embeddings', json(200, { data: [{ index: 0, embedding: [1, 0, 0, 0] }] }), /1 embeddings for 2 inputs/],
    ['the wrong width', embeddings({ dimensions: 3 }), /has 3 dimensions, 4 expected/],
    ['no data', json(200, { error: 'nope' }), /no data array/],
    [
      'a repeated index',
      json(200, { data: [0, 0].map((index) => ({ index, embedding: [1, 0, 0, 0] })) }),
      /index 0 appears twice/,
    ],
    ['non-numbers', json(200, { data: [0, 1].map((index) => ({ index, embedding: [1, 'x', 0, 0] })) }), /non-finite/],
    [
      'not JSON',
      (_request: Received, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('<html>');
      },
      /not JSON/,
    ],
  ])('refuses a response with %s, not retryable', async (_case, reply, message) => {
    server.reply(reply);
    const error = await failure(embedder().embed(['a', 'b']));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(message);
    expect(server.received).toHaveLength(1);
  });

  it('refuses unusable options', () => {
    expect(() => embedder({ batchSize: 0 })).toThrow(RangeError);
    expect(() => embedder({ model: '' })).toThrow(RangeError);
    expect(() => embedder({ maxRetries: -1 })).toThrow(RangeError);
  });
});
