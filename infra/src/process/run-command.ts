import { spawn } from 'node:child_process';

export interface RunCommandOptions {
  uid?: number;
  gid?: number;
  /** Own session and process group, so long-lived grandchildren escape our terminal's signals. */
  detached?: boolean;
  timeoutMs?: number;
}

/** Runs a command to completion; rejects with its output when it fails or times out. */
export function runCommand(file: string, args: string[], options: RunCommandOptions = {}): Promise<string> {
  const { timeoutMs = 120_000, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run ${file}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(output);
      const reason = signal ? `killed by ${signal}` : `exit code ${code}`;
      reject(new Error(`${file} ${args.join(' ')} failed (${reason}):\n${output.trim()}`));
    });
  });
}
