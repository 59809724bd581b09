import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

/** Debian's Chromium; `scripts/ensure-chromium.sh` (run first by `npm test`) installs it. */
export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  // Pixels in exactly the colours of the CSS, whatever the machine's display profile.
  '--force-color-profile=srgb',
  '--window-size=1280,2400',
];

export interface ChromiumResult {
  stdout: string;
  stderr: string;
}

/**
 * Kills the processes whose command line mentions `runDir`: the crash handlers Chromium starts
 * in their own session (out of its process group) are told the run's paths, and only they are.
 */
function killStragglers(runDir: string): void {
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(runDir)) process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
}

/**
 * Runs headless Chromium once on `url` with a fresh profile and home in `workDir` (so nothing is
 * written to the user's home), and kills it and every helper process it started when it exits or
 * at the timeout: its own process group, then the stragglers that left the group.
 */
export async function runChromium(
  workDir: string,
  url: string,
  extraFlags: string[],
  timeoutMs = 60_000,
): Promise<ChromiumResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\``);
  const runDir = await mkdtemp(join(workDir, 'chromium-'));
  const home = join(runDir, 'home');
  await mkdir(home);
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${join(runDir, 'profile')}`, ...extraFlags, url], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_CACHE_HOME: join(home, '.cache'),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killAll = () => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone already.
        }
      }
      killStragglers(runDir);
    };
    const timer = setTimeout(() => {
      killAll();
      reject(new Error(`chromium did not finish within ${timeoutMs} ms; stderr:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Helpers (zygote, renderer) may outlive the browser and hold the pipes open: end them at its exit.
    child.on('exit', killAll);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`chromium exited with ${code ?? signal}; stderr:\n${stderr.slice(-2000)}`));
    });
  });
}
