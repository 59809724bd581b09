import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabaseExists, withDatabase } from '@rag/database';
import {
  dropDatabase,
  ensurePostgres,
  isPostgresReachable,
  type PostgresServer,
} from '../src/postgres/postgres-server';

jest.setTimeout(120_000);

async function queryOne(url: string, sql: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe('ensurePostgres (embedded)', () => {
  let workDir: string;
  let server: PostgresServer | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'embedded-postgres-spec-'));
    // When tests run as root, the server runs as the postgres user, which must traverse this dir.
    await chmod(workDir, 0o755);
  });

  afterAll(async () => {
    await server?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('starts a real embedded server, creates databases, and stops it', async () => {
    const options = { forceEmbedded: true, embeddedPort: 5499, embeddedDataDir: join(workDir, 'pgdata') };
    server = await ensurePostgres(options);
    expect(server).toMatchObject({ url: 'postgres://postgres:postgres@127.0.0.1:5499/', embedded: true, owned: true });
    expect(await queryOne(server.url, 'select 1 as one')).toEqual({ one: 1 });

    const reused = await ensurePostgres(options);
    expect(reused).toMatchObject({ url: server.url, embedded: true, owned: false });
    const external = await ensurePostgres({ url: server.url });
    expect(external).toMatchObject({ url: server.url, embedded: false, owned: false });

    await ensureDatabaseExists(server.url, 'infra_spec');
    await ensureDatabaseExists(server.url, 'infra_spec');
    expect(await queryOne(withDatabase(server.url, 'infra_spec'), 'select current_database() as db')).toEqual({
      db: 'infra_spec',
    });
    await expect(ensureDatabaseExists(server.url, 'Bad-Name"')).rejects.toThrow(/Invalid database name/);

    await dropDatabase(server.url, 'infra_spec');
    await dropDatabase(server.url, 'infra_spec');
    await expect(queryOne(withDatabase(server.url, 'infra_spec'), 'select 1')).rejects.toThrow(/does not exist/);

    await server.stop();
    expect(await isPostgresReachable(server.url, 500)).toBe(false);
  });
});
