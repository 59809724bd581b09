import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { tailFile } from '../process/log-tail';
import { runCommand } from '../process/run-command';
import { postgresRunAsUser, type UserIds } from './os-user';
import { postgresBinaries } from './postgres-binaries';

const user = 'postgres';
const password = 'postgres';

export function embeddedPostgresUrl(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/`;
}

/**
 * Creates the cluster on first use, then starts it with pg_ctl. The server runs detached (it
 * outlives this process, e.g. after `cli.ts up`); postgres itself keeps its pid in
 * <dataDir>/postmaster.pid, which is how stopEmbeddedPostgres finds it later.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<void> {
  const runAs = await postgresRunAsUser();
  const absoluteDir = resolve(dataDir);
  if (!existsSync(join(absoluteDir, 'PG_VERSION'))) await initCluster(absoluteDir, runAs);
  // No unix socket: avoids clashing with a system server's socket and /tmp permission issues.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const logFile = join(absoluteDir, 'postgres.log');
  await pgCtl(['start', '-D', absoluteDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions], runAs).catch(
    async (error: Error) => {
      throw new Error(`${error.message}\nLast lines of ${logFile}:\n${await tailFile(logFile)}`);
    },
  );
}

/** Fast shutdown (disconnects clients). Returns false when the server was not running. */
export async function stopEmbeddedPostgres(dataDir: string): Promise<boolean> {
  const absoluteDir = resolve(dataDir);
  if (!(await embeddedPostgresPort(absoluteDir))) return false;
  await pgCtl(['stop', '-D', absoluteDir, '-m', 'fast', '-w', '-t', '30'], await postgresRunAsUser());
  return true;
}

/** Port of the server running on dataDir, or undefined when it is not running. */
export async function embeddedPostgresPort(dataDir: string): Promise<number | undefined> {
  const absoluteDir = resolve(dataDir);
  if (!existsSync(join(absoluteDir, 'PG_VERSION'))) return undefined;
  try {
    await pgCtl(['status', '-D', absoluteDir], await postgresRunAsUser());
  } catch {
    return undefined;
  }
  // postmaster.pid: pid, data dir, start time, port, ...
  const lines = (await readFile(join(absoluteDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const port = Number.parseInt(lines[3] ?? '', 10);
  return Number.isInteger(port) ? port : undefined;
}

async function initCluster(dataDir: string, runAs: UserIds | undefined): Promise<void> {
  // The parents keep default permissions: as root, the postgres user must be able to traverse them.
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o700);
  const passwordFile = join(tmpdir(), `pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await chown(dataDir, runAs.uid, runAs.gid);
    await chown(passwordFile, runAs.uid, runAs.gid);
  }
  const args = [
    `--pgdata=${dataDir}`,
    `--username=${user}`,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    // Locale-independent UTF-8 semantics, without relying on the host's installed OS locales.
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--locale=C',
    '--no-sync',
  ];
  try {
    await runCommand(postgresBinaries().initdb, args, runAs);
  } catch (error) {
    const hint = runAs ? ' (as root, the postgres user must be able to traverse every parent directory)' : '';
    throw new Error(`initdb failed for ${dataDir}${hint}: ${(error as Error).message}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function pgCtl(args: string[], runAs: UserIds | undefined): Promise<void> {
  // detached: postgres must not share our process group (a Ctrl-C on `cli.ts up` would kill it).
  await runCommand(postgresBinaries().pgCtl, args, { ...runAs, detached: true });
}
