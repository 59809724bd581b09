import { resolve } from 'node:path';
import { withDatabase } from '@rag/database';
import { Client } from 'pg';
import { defaultPostgresDataDir } from '../paths';
import {
  embeddedPostgresPort,
  embeddedPostgresUrl,
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
} from './embedded-postgres';

export { stopEmbeddedPostgres } from './embedded-postgres';

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/';
const databaseNamePattern = /^[a-z_][a-z0-9_]*$/;

export interface PostgresServer {
  url: string;
  /** True when the server is the embedded one (whether started now or reused). */
  embedded: boolean;
  /** False when an already-running server was reused; stop() is then a no-op. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EnsurePostgresOptions {
  /** Defaults to env DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ */
  url?: string;
  /** Defaults to <repo>/.data/postgres. */
  embeddedDataDir?: string;
  /** Defaults to the port of `url`. */
  embeddedPort?: number;
  /** Skip probing `url` and always use the embedded server. */
  forceEmbedded?: boolean;
}

/** Uses the PostgreSQL server at `url` when it answers, else starts (or reuses) the embedded one. */
export async function ensurePostgres(options: EnsurePostgresOptions = {}): Promise<PostgresServer> {
  const url = options.url ?? process.env.DATABASE_URL ?? defaultUrl;
  const noop = (): Promise<void> => Promise.resolve();
  if (!options.forceEmbedded && (await isPostgresReachable(url))) {
    return { url, embedded: false, owned: false, stop: noop };
  }
  const dataDir = resolve(options.embeddedDataDir ?? defaultPostgresDataDir);
  const runningPort = await embeddedPostgresPort(dataDir);
  if (runningPort) return { url: embeddedPostgresUrl(runningPort), embedded: true, owned: false, stop: noop };

  const port = options.embeddedPort ?? Number(new URL(url).port || 5432);
  await startEmbeddedPostgres(dataDir, port);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopEmbeddedPostgres(dataDir).then(() => undefined));
  return { url: embeddedPostgresUrl(port), embedded: true, owned: true, stop };
}

/** True when `select 1` succeeds within timeoutMs. Never throws. */
export async function isPostgresReachable(url: string, timeoutMs = 1_500): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query('select 1'), timeoutMs);
    return true;
  } catch {
    return false;
  }
}

/** Drops the database if it exists, disconnecting its clients. */
export async function dropDatabase(serverUrl: string, dbName: string): Promise<void> {
  const identifier = quoteDatabaseName(dbName);
  await withClient(withDatabase(serverUrl, 'postgres'), (client) =>
    client.query(`drop database if exists ${identifier} with (force)`),
  );
}

function quoteDatabaseName(dbName: string): string {
  if (!databaseNamePattern.test(dbName)) {
    throw new Error(`Invalid database name "${dbName}": expected ${databaseNamePattern}`);
  }
  return `"${dbName}"`;
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // An idle client's socket error must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
