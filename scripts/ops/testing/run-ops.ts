import { execFile } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface OpsRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run ops -- <args>` as the operator would (a child process), with the test run's
 * DATABASE_URL, DB_NAME_PREFIX and KAFKA_BROKERS (set by jest's global setup) plus `env`.
 */
export function runOps(args: string[], env: NodeJS.ProcessEnv = {}): Promise<OpsRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/ops/main.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(new Error(`ops ${args.join(' ')} failed: ${error.message}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** The --json report of a run, with its stderr in the message when stdout is not JSON. */
export function reportOf<T>(run: OpsRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
