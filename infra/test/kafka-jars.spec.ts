import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertLockMatchesPom, findUnverifiedJars, type LockedJar, readJarsLock } from '../src/kafka/jars-lock';
import { downloadLockedJars, ensureKafkaJars } from '../src/kafka/kafka-jars';
import { resolveMavenRepositoryUrl } from '../src/kafka/maven';
import { kafkaDefaultCacheDir } from '../src/paths';

jest.setTimeout(120_000);

describe('downloadLockedJars', () => {
  let workDir: string;
  let server: Server;
  let baseUrl: string;
  let twoJars: LockedJar[];
  const requested: string[] = [];

  beforeAll(async () => {
    await ensureKafkaJars();
    const lock = await readJarsLock();
    twoJars = [...lock.jars].sort((a, b) => a.size - b.size).slice(0, 2);
    workDir = await mkdtemp(join(tmpdir(), 'kafka-jars-spec-'));
    const repoDir = join(workDir, 'repo');
    for (const jar of twoJars) {
      await mkdir(dirname(join(repoDir, jar.path)), { recursive: true });
      await copyFile(join(kafkaDefaultCacheDir, 'jars', jar.path), join(repoDir, jar.path));
    }
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      requested.push(path);
      const stream = createReadStream(join(repoDir, path.replace(/^\/maven2\//, '')));
      stream.on('error', () => response.writeHead(404).end());
      stream.on('open', () => stream.pipe(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/maven2`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(workDir, { recursive: true, force: true });
  });

  it('downloads and verifies the locked jars, skipping ones already present', async () => {
    const target = join(workDir, 'download');
    const paths = await downloadLockedJars(baseUrl, { jars: twoJars }, target);

    expect(paths).toEqual(twoJars.map((jar) => join(target, jar.path)));
    expect(await findUnverifiedJars(target, { jars: twoJars })).toEqual([]);
    expect(requested).toHaveLength(2);

    await downloadLockedJars(`${baseUrl}/`, { jars: twoJars }, target);
    expect(requested).toHaveLength(2);
  });

  it('rejects a jar whose sha256 differs from the lock and leaves no file behind', async () => {
    const target = join(workDir, 'tampered');
    const tampered = { ...twoJars[0], sha256: '0'.repeat(64) };

    await expect(downloadLockedJars(baseUrl, { jars: [tampered] }, target)).rejects.toThrow(
      new RegExp(`sha256 mismatch for .*${tampered.path}: expected 0{64}, got ${twoJars[0].sha256}`),
    );
    const leftovers = await readdir(target, { recursive: true, withFileTypes: true }).catch(() => []);
    expect(leftovers.filter((entry) => entry.isFile())).toEqual([]);
  });

  it('reports a jar the repository does not have', async () => {
    const missing = { ...twoJars[0], path: 'org/example/missing/1.0/missing-1.0.jar' };
    await expect(downloadLockedJars(baseUrl, { jars: [missing] }, join(workDir, 'missing'))).rejects.toThrow(
      /missing-1\.0\.jar: GET .* answered 404/,
    );
  });
});

describe('resolveMavenRepositoryUrl', () => {
  const savedEnv = process.env.MAVEN_REPOSITORY_URL;
  let dir: string;

  beforeEach(async () => {
    delete process.env.MAVEN_REPOSITORY_URL;
    dir = await mkdtemp(join(tmpdir(), 'maven-settings-'));
  });

  afterEach(async () => {
    process.env.MAVEN_REPOSITORY_URL = savedEnv;
    if (savedEnv === undefined) delete process.env.MAVEN_REPOSITORY_URL;
    await rm(dir, { recursive: true, force: true });
  });

  it('prefers MAVEN_REPOSITORY_URL', async () => {
    process.env.MAVEN_REPOSITORY_URL = 'http://repo.test/maven2';
    await expect(resolveMavenRepositoryUrl(join(dir, 'none.xml'))).resolves.toBe('http://repo.test/maven2');
  });

  it('reads the first mirror url of settings.xml, ignoring comments', async () => {
    const settings = join(dir, 'settings.xml');
    await writeFile(
      settings,
      `<settings><!-- <mirror><url>http://old.test</url></mirror> -->
        <profiles><profile><repositories><repository><url>http://repo.test</url></repository></repositories></profile></profiles>
        <mirrors><mirror><id>m</id><url> http://mirror.test/maven2 </url></mirror></mirrors></settings>`,
    );
    await expect(resolveMavenRepositoryUrl(settings)).resolves.toBe('http://mirror.test/maven2');
  });

  it('explains how to configure a repository when none is set', async () => {
    await expect(resolveMavenRepositoryUrl(join(dir, 'none.xml'))).rejects.toThrow(/Set MAVEN_REPOSITORY_URL/);
  });
});

describe('jars.lock.json', () => {
  it('matches the current pom.xml', async () => {
    await expect(assertLockMatchesPom(await readJarsLock())).resolves.toBeUndefined();
  });

  it('is reported stale when the pom changed since it was written', async () => {
    await expect(assertLockMatchesPom({ pomSha256: 'old', jars: [] })).rejects.toThrow(/is stale.*write-jars-lock/);
  });
});
