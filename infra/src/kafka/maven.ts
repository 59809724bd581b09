import { access, constants, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { kafkaPomFile } from '../paths';
import { runCommand } from '../process/run-command';

export async function isOnPath(command: string): Promise<boolean> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

/** Copies the pom's runtime dependencies into `outputDir` using the Maven repository layout. */
export async function copyDependencies(outputDir: string, pomFile = kafkaPomFile): Promise<void> {
  const args = [
    '-q',
    '-B',
    '-f',
    pomFile,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    '-Dmdep.useRepositoryLayout=true',
    `-DoutputDirectory=${outputDir}`,
  ];
  await runCommand('mvn', args, { timeoutMs: 10 * 60_000 });
}

/**
 * Base URL of the Maven repository to download from: env MAVEN_REPOSITORY_URL, else the first
 * mirror (then repository) URL of ~/.m2/settings.xml. No registry host is hard-coded (workplace rule).
 */
export async function resolveMavenRepositoryUrl(
  settingsFile = join(homedir(), '.m2', 'settings.xml'),
): Promise<string> {
  const fromEnv = process.env.MAVEN_REPOSITORY_URL?.trim();
  if (fromEnv) return fromEnv;
  const settings = await readFile(settingsFile, 'utf8').catch(() => undefined);
  const fromSettings = settings && firstUrlIn(settings);
  if (fromSettings) return fromSettings;
  throw new Error(
    'Cannot download the Kafka jars: no Maven repository configured. Set MAVEN_REPOSITORY_URL to the ' +
      "base URL of Maven Central (or of a mirror), or add a <mirror><url> to ~/.m2/settings.xml, or install 'mvn'.",
  );
}

function firstUrlIn(settingsXml: string): string | undefined {
  const xml = settingsXml.replace(/<!--[\s\S]*?-->/g, '');
  for (const element of ['mirror', 'repository']) {
    const match = new RegExp(`<${element}>[\\s\\S]*?<url>\\s*([^<\\s]+)\\s*</url>`).exec(xml);
    if (match) return match[1];
  }
  return undefined;
}
