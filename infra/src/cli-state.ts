import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dataRoot } from './paths';

/** What `cli.ts up` started, so `down` and `status` work without the same env. */
export interface CliState {
  postgres: { url: string; embedded: boolean; dataDir: string };
  kafka: { brokers: string[]; dataDir: string };
}

const stateFile = join(dataRoot, 'infra-state.json');

export async function readCliState(): Promise<CliState | undefined> {
  const text = await readFile(stateFile, 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as CliState) : undefined;
}

export async function writeCliState(state: CliState): Promise<void> {
  await mkdir(dirname(stateFile), { recursive: true });
  await writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

export async function removeCliState(): Promise<void> {
  await rm(stateFile, { force: true });
}
