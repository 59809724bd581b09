// Regenerates infra/kafka/jars.lock.json after infra/kafka/pom.xml changes:
//   node -r @swc-node/register infra/src/kafka/write-jars-lock.ts [maven-copy-dependencies-dir]
// Without a directory, runs mvn copy-dependencies into a temporary one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kafkaJarsLockFile } from '../paths';
import { currentPomSha256, describeJarsIn, type JarsLock } from './jars-lock';
import { copyDependencies } from './maven';

async function main(): Promise<void> {
  const givenDir = process.argv[2];
  const dir = givenDir ? resolve(givenDir) : await mkdtemp(join(tmpdir(), 'kafka-jars-'));
  try {
    if (!givenDir) await copyDependencies(dir);
    const jars = await describeJarsIn(dir);
    if (jars.length === 0) throw new Error(`No jars found under ${dir}`);
    const lock: JarsLock = { pomSha256: await currentPomSha256(), jars };
    await writeFile(kafkaJarsLockFile, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(`Wrote ${jars.length} jars to ${kafkaJarsLockFile}`);
  } finally {
    if (!givenDir) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
