import { IsInt, IsString, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { PlatformEnv } from './platform.env';

class SpecEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  SPEC_PORT: number = 3999;

  @IsString()
  SPEC_REQUIRED!: string;
}

function problems(env: NodeJS.ProcessEnv, cls: new () => object = PlatformEnv): string {
  try {
    loadConfig(cls as never, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('loadConfig', () => {
  it('applies every default to an empty environment', () => {
    const config = loadConfig(PlatformEnv, {});
    expect(config).toBeInstanceOf(PlatformEnv);
    expect({ ...config }).toEqual({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/',
      DB_NAME_PREFIX: 'rag_',
      DB_SCHEMA: 'public',
      DB_POOL_SIZE: 10,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
    });
  });

  it('reads given values, converting numbers and splitting the broker list', () => {
    const config = loadConfig(PlatformEnv, {
      DATABASE_URL: 'postgresql://app:secret@db.internal:6432/',
      DB_NAME_PREFIX: 'stage_',
      DB_POOL_SIZE: '25',
      KAFKA_BROKERS: ' kafka-1:9092, kafka-2:9092 ,,kafka-3:9092 ',
      KAFKA_CLIENT_ID: 'identity-7',
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      HOST: '0.0.0.0',
    });
    expect(config.DATABASE_URL).toBe('postgresql://app:secret@db.internal:6432/');
    expect(config.DB_NAME_PREFIX).toBe('stage_');
    expect(config.DB_POOL_SIZE).toBe(25);
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092', 'kafka-3:9092']);
    expect(config.KAFKA_CLIENT_ID).toBe('identity-7');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
    expect(config.HOST).toBe('0.0.0.0');
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig(PlatformEnv, { DB_POOL_SIZE: '', LOG_LEVEL: '', KAFKA_CLIENT_ID: '' });
    expect(config.DB_POOL_SIZE).toBe(10);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KAFKA_CLIENT_ID).toBeUndefined();
  });

  it('does not read process.env when given an environment', () => {
    const saved = process.env.DB_NAME_PREFIX;
    process.env.DB_NAME_PREFIX = 'from_process_';
    try {
      expect(loadConfig(PlatformEnv, {}).DB_NAME_PREFIX).toBe('rag_');
    } finally {
      if (saved === undefined) delete process.env.DB_NAME_PREFIX;
      else process.env.DB_NAME_PREFIX = saved;
    }
  });

  it.each([
    [{ DATABASE_URL: 'mysql://root@db/' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ DB_NAME_PREFIX: 'Rag-' }, 'DB_NAME_PREFIX must be lower-case letters, digits or _'],
    [{ DB_POOL_SIZE: 'ten' }, 'DB_POOL_SIZE must be an integer number'],
    [{ DB_POOL_SIZE: '2.5' }, 'DB_POOL_SIZE must be an integer number'],
    [{ DB_POOL_SIZE: '0' }, 'DB_POOL_SIZE must not be less than 1'],
    [{ DB_POOL_SIZE: '201' }, 'DB_POOL_SIZE must not be greater than 200'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of the following values'],
    [{ KAFKA_CLIENT_ID: 'Identity_App' }, 'KAFKA_CLIENT_ID must match'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT must be a URL address'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://otel:21' }, 'OTEL_EXPORTER_OTLP_ENDPOINT must be a URL address'],
  ])('refuses %j', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it('lists every problem at once, one per line', () => {
    const message = problems({ DATABASE_URL: 'http://x/', DB_POOL_SIZE: '-3', LOG_LEVEL: 'loud' });
    expect(message.split('\n')).toEqual([
      'invalid environment:',
      '  - DATABASE_URL must be a postgres:// URL',
      '  - DB_POOL_SIZE must not be less than 1',
      expect.stringMatching(/^ {2}- LOG_LEVEL must be one of the following values/),
    ]);
  });

  it('reads an app env class that extends the platform one, with its required variables', () => {
    const config = loadConfig(SpecEnv, { SPEC_PORT: '4100', SPEC_REQUIRED: 'yes', DB_POOL_SIZE: '3' });
    expect(config).toBeInstanceOf(SpecEnv);
    expect(config.SPEC_PORT).toBe(4100);
    expect(config.SPEC_REQUIRED).toBe('yes');
    expect(config.DB_POOL_SIZE).toBe(3);
    expect(loadConfig(SpecEnv, { SPEC_REQUIRED: 'yes' }).SPEC_PORT).toBe(3999);
    expect(problems({}, SpecEnv)).toContain('SPEC_REQUIRED must be a string');
    expect(problems({ SPEC_REQUIRED: '' }, SpecEnv)).toContain('SPEC_REQUIRED must be a string');
  });
});
