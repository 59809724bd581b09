import { PostgreSqlContainer, StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { getContainerRuntimeClient } from 'testcontainers';

let container: StartedPostgreSqlContainer | undefined;

async function dockerAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** A throwaway PostgreSQL 15 in Docker when an engine runs; undefined otherwise. */
export async function startPostgresContainer(): Promise<string | undefined> {
  if (!(await dockerAvailable())) return undefined;
  container = await new PostgreSqlContainer('postgres:15-alpine')
    .withUsername('postgres')
    .withPassword('postgres')
    .start();
  const url = new URL(container.getConnectionUri());
  url.pathname = '/';
  return url.toString();
}

export async function stopPostgresContainer(): Promise<void> {
  await container?.stop();
  container = undefined;
}
