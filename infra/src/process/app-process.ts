import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataRoot, repoRoot } from '../paths';
import { freePort, sleep } from './process-control';

export interface AppProcess {
  name: string;
  url: string;
  output(): string;
  /** SIGTERM and wait: a graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL and wait: a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** The running process's id; undefined once it has exited. */
  pid(): number | undefined;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilLive(url: string, isExited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exitedWith = isExited();
    if (exitedWith !== undefined) throw new Error(exitedWith);
    const live = await fetch(`${url}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (live) return;
    if (Date.now() > deadline) throw new Error(`${url} was not live after ${timeoutMs} ms`);
    await sleep(200);
  }
}

export interface StartAppOptions {
  /** Defaults to a free port. */
  port?: number;
  /** Where its output goes: kept in memory (output()), appended to `logFile`, and, if given, passed on. */
  onOutput?: (text: string) => void;
  /** Defaults to .data/logs/<name>-<port>.log, for post-mortems of failed test runs. */
  logFile?: string;
}

/**
 * Runs an app as its own process, as in production (`node -r @swc-node/register
 * apps/<name>/src/main.ts`), on `<NAME>_PORT`; resolves once /health/live answers.
 */
export async function startApp(
  name: string,
  env: Record<string, string> = {},
  options: StartAppOptions = {},
): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const logFile = options.logFile ?? join(dataRoot, 'logs', `${name}-${port}.log`);
  mkdirSync(join(logFile, '..'), { recursive: true });
  const portVariable = `${name.toUpperCase()}_PORT`;
  let child: ChildProcess;
  let log = '';
  const launch = async () => {
    child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', name, 'src', 'main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, [portVariable]: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-50_000);
      appendFileSync(logFile, chunk);
      options.onOutput?.(chunk.toString());
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitUntilLive(
      `http://127.0.0.1:${port}`,
      () => (child.exitCode !== null ? `${name} exited with ${child.exitCode}:\n${log.slice(-3000)}` : undefined),
      60_000,
    );
  };
  await launch();
  const stopWith = async (signal: NodeJS.Signals) => {
    child.kill(signal);
    await exited(child);
  };
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    restart: launch,
    pid: () => (child.exitCode === null && child.signalCode === null ? child.pid : undefined),
  };
}
