/** Thrown by a probe to stop waiting at once (e.g. the process under test exited). */
export class GiveUp extends Error {}

/** Polls `probe` until it stops throwing; fails with the last error after `timeoutMs`. */
export async function expectEventually<T>(probe: () => Promise<T>, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (error instanceof GiveUp || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
