import { IsInt, IsString } from 'class-validator';
import { ConfigError, loadConfig, PlatformEnv } from '@rag/config';
import { createEmbedder, embedderConfigFromEnv } from './create-embedder';
import { EmbeddingEnv, withEmbeddingEnv } from './embedding.env';
import { FeatureHashingEmbedder } from './feature-hashing.embedder';
import { OpenAiCompatibleEmbedder } from './openai-compatible.embedder';

const problems = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(EmbeddingEnv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
};

describe('EmbeddingEnv', () => {
  it('defaults to 384-dimension feature hashing, with the platform variables', () => {
    const env = loadConfig(EmbeddingEnv, {});
    expect(env).toMatchObject({
      EMBEDDER: 'feature-hashing',
      EMBEDDING_DIMENSIONS: 384,
      EMBEDDING_SEND_DIMENSIONS: false,
      EMBEDDING_BATCH_SIZE: 64,
      EMBEDDING_TIMEOUT_MS: 30_000,
      DB_POOL_SIZE: 10,
    });
    const embedder = createEmbedder(embedderConfigFromEnv(env));
    expect(embedder).toBeInstanceOf(FeatureHashingEmbedder);
    expect(embedder.model).toBe('feature-hashing-v1-384');
  });

  it('reads an OpenAI-compatible server, converting numbers and booleans', () => {
    const env = loadConfig(EmbeddingEnv, {
      EMBEDDER: 'openai-compatible',
      EMBEDDING_BASE_URL: 'http://ollama:11434/v1',
      EMBEDDING_MODEL: 'nomic-embed-text',
      EMBEDDING_DIMENSIONS: '768',
      EMBEDDING_API_KEY: 'sk-local',
      EMBEDDING_SEND_DIMENSIONS: 'TRUE',
      EMBEDDING_BATCH_SIZE: '16',
      EMBEDDING_TIMEOUT_MS: '5000',
    });
    expect(embedderConfigFromEnv(env)).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://ollama:11434/v1',
      model: 'nomic-embed-text',
      dimensions: 768,
      apiKey: 'sk-local',
      sendDimensions: true,
      batchSize: 16,
      timeoutMs: 5000,
    });
    const embedder = createEmbedder(embedderConfigFromEnv(env));
    expect(embedder).toBeInstanceOf(OpenAiCompatibleEmbedder);
    expect({ model: embedder.model, dimensions: embedder.dimensions }).toEqual({
      model: 'nomic-embed-text',
      dimensions: 768,
    });
  });

  it('needs a base URL and a model only for an OpenAI-compatible server', () => {
    const message = problems({ EMBEDDER: 'openai-compatible' });
    expect(message).toContain('EMBEDDING_BASE_URL must be a URL address');
    expect(message).toContain('EMBEDDING_MODEL must be a string');
    expect(() => loadConfig(EmbeddingEnv, { EMBEDDING_BASE_URL: 'not a url' })).not.toThrow();
    expect(loadConfig(EmbeddingEnv, { EMBEDDING_SEND_DIMENSIONS: 'false' }).EMBEDDING_SEND_DIMENSIONS).toBe(false);
    expect(loadConfig(EmbeddingEnv, { EMBEDDING_SEND_DIMENSIONS: '1' }).EMBEDDING_SEND_DIMENSIONS).toBe(true);
  });

  it.each([
    [{ EMBEDDER: 'word2vec' }, 'EMBEDDER must be one of the following values'],
    [{ EMBEDDING_DIMENSIONS: '1' }, 'EMBEDDING_DIMENSIONS must not be less than 2'],
    [{ EMBEDDING_DIMENSIONS: 'wide' }, 'EMBEDDING_DIMENSIONS must be an integer number'],
    [{ EMBEDDING_BATCH_SIZE: '0' }, 'EMBEDDING_BATCH_SIZE must not be less than 1'],
    [{ EMBEDDING_TIMEOUT_MS: '10' }, 'EMBEDDING_TIMEOUT_MS must not be less than 100'],
    [{ EMBEDDING_SEND_DIMENSIONS: 'maybe' }, 'EMBEDDING_SEND_DIMENSIONS must be true or false'],
    [{ EMBEDDER: 'openai-compatible', EMBEDDING_MODEL: 'm', EMBEDDING_BASE_URL: 'ftp://x/v1' }, 'EMBEDDING_BASE_URL'],
  ])('refuses %j', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it('mixes into an app env class that extends another one', () => {
    class BaseEnv extends PlatformEnv {
      @IsInt()
      BASE_PORT: number = 1;
    }
    class AppEnv extends withEmbeddingEnv(BaseEnv) {
      @IsString()
      APP_NAME = 'app';
    }
    const env = loadConfig(AppEnv, { BASE_PORT: '7', EMBEDDING_DIMENSIONS: '64' });
    expect(env).toBeInstanceOf(BaseEnv);
    expect(env).toMatchObject({ BASE_PORT: 7, APP_NAME: 'app', EMBEDDER: 'feature-hashing', EMBEDDING_DIMENSIONS: 64 });
    expect(createEmbedder(embedderConfigFromEnv(env)).model).toBe('feature-hashing-v1-64');
    expect(() => loadConfig(AppEnv, { BASE_PORT: 'x', EMBEDDING_BATCH_SIZE: '0' })).toThrow(
      /BASE_PORT must be an integer number[\s\S]*EMBEDDING_BATCH_SIZE must not be less than 1/,
    );
  });
});
