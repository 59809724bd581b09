import { AppProcess, sleep } from '@rag/infra';

export interface FaultRecord {
  name: string;
  /** ms since the epoch: when the fault began (a stop or a kill). */
  startedAt: number;
  /** When what was broken had been started again. */
  restartedAt: number;
  /** When every app answered /health/ready with 200 again. */
  readyAt: number;
}

const READY_TIMEOUT_MS = 120_000;

async function isReady(app: AppProcess): Promise<boolean> {
  return fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );
}

async function readiness(app: AppProcess): Promise<string> {
  const answer = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
    async (response) => `${response.status} ${await response.text()}`,
    (error: Error) => error.message,
  );
  return `${app.name}: ${answer.slice(0, 1000)}`;
}

export async function waitUntilAllReady(apps: AppProcess[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const ready = await Promise.all(apps.map(isReady));
    if (ready.every(Boolean)) return;
    if (Date.now() > deadline) {
      const stuck = apps.filter((_, n) => !ready[n]);
      const reports = await Promise.all(stuck.map(readiness));
      throw new Error(`not ready ${READY_TIMEOUT_MS} ms after the fault:\n${reports.join('\n')}`);
    }
    await sleep(250);
  }
}

/** Breaks and restores something (`inject` returns once it is started again), then waits for every app to be ready. */
export async function injectFault(name: string, inject: () => Promise<void>, apps: AppProcess[]): Promise<FaultRecord> {
  const startedAt = Date.now();
  await inject();
  const restartedAt = Date.now();
  await waitUntilAllReady(apps);
  const fault = { name, startedAt, restartedAt, readyAt: Date.now() };
  process.stdout.write(
    `  ${name}: back after ${restartedAt - startedAt} ms, all apps ready after ${fault.readyAt - startedAt} ms\n`,
  );
  return fault;
}

/** Kills an app (SIGKILL: no shutdown hooks, as a crash or an OOM kill), waits `downMs`, starts it again. */
export function crashAndRestart(app: AppProcess, downMs: number): () => Promise<void> {
  return async () => {
    await app.kill();
    await sleep(downMs);
    await app.restart();
  };
}
