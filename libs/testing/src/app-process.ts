import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { expectEventually, GiveUp } from './expect-eventually';
import { freePort } from './free-port';

const REPO_ROOT = join(__dirname, '..', '..', '..');

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
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Runs an app as its own process (as in production) on a free port, ready when /health/live answers. */
export async function startApp(name: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const portVariable = `${name.toUpperCase()}_PORT`;
  let child: ChildProcess;
  let log = '';
  const launch = async () => {
    child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', name, 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, [portVariable]: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-50_000)));
    child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-50_000)));
    await expectEventually(async () => {
      if (child.exitCode !== null) throw new GiveUp(`${name} exited with ${child.exitCode}:\n${log.slice(-3000)}`);
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (!response.ok) throw new Error(`${name} not live yet`);
    }, 60_000);
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
  };
}
