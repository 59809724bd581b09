import { appDatabaseUrl, buildDataSourceOptions } from './data-source';
import { databaseNameFor, withDatabase } from './database-url';

describe('databaseNameFor', () => {
  it('joins prefix and app, with hyphens as underscores', () => {
    expect(databaseNameFor('rag_', 'identity')).toBe('rag_identity');
    expect(databaseNameFor('test_', 'usage-meter')).toBe('test_usage_meter');
    expect(databaseNameFor('', 'audit')).toBe('audit');
  });

  it.each([
    ['Rag_', 'identity'],
    ['rag_', 'Identity'],
    ['rag_', 'identity"; DROP DATABASE x; --'],
    ['', '1app'],
    ['rag.', 'identity'],
  ])('refuses %j + %j', (prefix, app) => {
    expect(() => databaseNameFor(prefix, app)).toThrow('invalid database name');
  });
});

describe('withDatabase', () => {
  it('replaces the path of the server URL and keeps credentials, port and query', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/', 'rag_identity')).toBe(
      'postgres://postgres@127.0.0.1:5432/rag_identity',
    );
    expect(withDatabase('postgres://app:s3cret@db:6432/other?sslmode=require', 'rag_audit')).toBe(
      'postgres://app:s3cret@db:6432/rag_audit?sslmode=require',
    );
    expect(withDatabase('postgresql://db', 'x')).toBe('postgresql://db/x');
  });
});

describe('data source options', () => {
  const connection = { DATABASE_URL: 'postgres://u:p@db:5432/', DB_NAME_PREFIX: 'stage_', DB_POOL_SIZE: 7 };

  it('points each app at its own database', () => {
    expect(appDatabaseUrl(connection, 'chat-api')).toBe('postgres://u:p@db:5432/stage_chat_api');
  });

  it('uses migrations only, UTC sessions and the configured pool size', () => {
    class Migration1 {}
    const options = buildDataSourceOptions({ app: 'audit', entities: [], migrations: [Migration1] }, connection);
    expect(options).toMatchObject({
      type: 'postgres',
      url: 'postgres://u:p@db:5432/stage_audit',
      synchronize: false,
      migrationsRun: false,
      migrations: [Migration1],
      extra: { max: 7, options: '-c TimeZone=UTC', application_name: 'audit' },
    });
  });
});
