import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { kafkaDefaultCacheDir } from '../paths';
import {
  assertLockMatchesPom,
  findUnverifiedJars,
  type JarsLock,
  type LockedJar,
  lockedJarPaths,
  readJarsLock,
  sha256,
} from './jars-lock';
import { copyDependencies, isOnPath, resolveMavenRepositoryUrl } from './maven';

const downloadConcurrency = 8;

/**
 * Returns the absolute paths of the pinned broker jars, fetching them into `<cacheDir>/jars` when
 * needed: with mvn when it is installed, else directly from a Maven repository. Every jar is
 * checked against infra/kafka/jars.lock.json.
 */
export async function ensureKafkaJars(cacheDir = kafkaDefaultCacheDir): Promise<string[]> {
  const lock = await readJarsLock();
  await assertLockMatchesPom(lock);
  const jarsDir = join(cacheDir, 'jars');
  if ((await findUnverifiedJars(jarsDir, lock)).length === 0) return lockedJarPaths(jarsDir, lock);

  let mavenError: Error | undefined;
  if (await isOnPath('mvn')) {
    try {
      await copyWithMaven(cacheDir, lock, jarsDir);
      return lockedJarPaths(jarsDir, lock);
    } catch (error) {
      mavenError = error as Error;
    }
  }
  try {
    return await downloadLockedJars(await resolveMavenRepositoryUrl(), lock, jarsDir);
  } catch (error) {
    if (mavenError) (error as Error).message += `\n(mvn was tried first and failed: ${mavenError.message})`;
    throw error;
  }
}

/**
 * Downloads every locked jar missing from `dir` (repository layout) from `baseUrl`, verifying its
 * sha256 before it is moved into place. Mismatching or failed downloads leave no file behind.
 */
export async function downloadLockedJars(
  baseUrl: string,
  lock: Pick<JarsLock, 'jars'>,
  dir: string,
): Promise<string[]> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const pending = await findUnverifiedJars(dir, lock);
  const failures: string[] = [];
  const queue = [...pending];
  const worker = async (): Promise<void> => {
    for (let jar = queue.shift(); jar; jar = queue.shift()) {
      await downloadJar(new URL(jar.path, base), jar, join(dir, jar.path)).catch((error: Error) => {
        failures.push(`${jar?.path}: ${error.message}`);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(downloadConcurrency, pending.length) }, worker));
  if (failures.length > 0) {
    const shown = failures.slice(0, 5).concat(failures.length > 5 ? [`... and ${failures.length - 5} more`] : []);
    throw new Error(
      `Failed to download ${failures.length} of ${lock.jars.length} Kafka jars from ${base}:\n  ${shown.join('\n  ')}`,
    );
  }
  return lockedJarPaths(dir, lock);
}

/** Copies into a private staging dir, then renames verified jars into place: safe for concurrent callers. */
async function copyWithMaven(cacheDir: string, lock: JarsLock, jarsDir: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, 'mvn-'));
  try {
    await copyDependencies(staging);
    const unverified = await findUnverifiedJars(staging, lock);
    if (unverified.length > 0) {
      throw new Error(`mvn copied jars that do not match jars.lock.json: ${jarList(unverified)}`);
    }
    for (const jar of lock.jars) {
      await mkdir(dirname(join(jarsDir, jar.path)), { recursive: true });
      await rename(join(staging, jar.path), join(jarsDir, jar.path));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function downloadJar(url: URL, jar: LockedJar, target: string): Promise<void> {
  await rm(target, { force: true });
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status} ${response.statusText}`);
  const content = Buffer.from(await response.arrayBuffer());
  const actual = sha256(content);
  if (actual !== jar.sha256) {
    throw new Error(`sha256 mismatch for ${url.href}: expected ${jar.sha256}, got ${actual}; file discarded`);
  }
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${randomBytes(4).toString('hex')}.part`;
  await writeFile(partial, content);
  await rename(partial, target);
}

function jarList(jars: LockedJar[]): string {
  return jars.map((jar) => jar.path).join(', ');
}
