import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { kafkaJarsLockFile, kafkaPomFile } from '../paths';

export interface LockedJar {
  /** Maven repository-layout path, e.g. org/apache/kafka/kafka_2.13/4.1.1/kafka_2.13-4.1.1.jar */
  path: string;
  sha256: string;
  size: number;
}

export interface JarsLock {
  /** sha256 of infra/kafka/pom.xml when the lock was written, to detect a stale lock. */
  pomSha256: string;
  jars: LockedJar[];
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of a file, or undefined when it does not exist. */
export async function sha256OfFile(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return hash.digest('hex');
}

export async function readJarsLock(file = kafkaJarsLockFile): Promise<JarsLock> {
  return JSON.parse(await readFile(file, 'utf8')) as JarsLock;
}

export async function currentPomSha256(): Promise<string> {
  return sha256(await readFile(kafkaPomFile));
}

export async function assertLockMatchesPom(lock: JarsLock): Promise<void> {
  if (lock.pomSha256 !== (await currentPomSha256())) {
    throw new Error(
      `${kafkaJarsLockFile} is stale: infra/kafka/pom.xml changed since it was written. ` +
        'Regenerate it with: node -r @swc-node/register infra/src/kafka/write-jars-lock.ts',
    );
  }
}

export function lockedJarPaths(dir: string, lock: Pick<JarsLock, 'jars'>): string[] {
  return lock.jars.map((jar) => join(dir, jar.path));
}

/** Locked jars that are missing from `dir` or whose content differs from the lock. */
export async function findUnverifiedJars(dir: string, lock: Pick<JarsLock, 'jars'>): Promise<LockedJar[]> {
  const checks = await Promise.all(
    lock.jars.map(async (jar) => ((await sha256OfFile(join(dir, jar.path))) === jar.sha256 ? undefined : jar)),
  );
  return checks.filter((jar): jar is LockedJar => jar !== undefined);
}

/** Lock entries for every jar under a repository-layout folder, sorted by path. */
export async function describeJarsIn(dir: string): Promise<LockedJar[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const jars = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.jar'))
      .map(async (entry) => {
        const file = join(entry.parentPath, entry.name);
        const content = await readFile(file);
        return { path: relative(dir, file).split(sep).join('/'), sha256: sha256(content), size: content.length };
      }),
  );
  return jars.sort((a, b) => a.path.localeCompare(b.path));
}
