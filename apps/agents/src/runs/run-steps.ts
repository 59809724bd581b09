import { AgentRunStep } from './agent-run.entity';

/** The steps of one attempt of a run, timed, with ids and counts as details (never content). */
export class RunSteps {
  private readonly steps: AgentRunStep[] = [];
  private saved = 0;

  constructor(private readonly attempt: number) {}

  async time<T>(name: string, work: () => Promise<T>, details?: (result: T) => Record<string, unknown>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.add(name, performance.now() - started, details?.(result));
      return result;
    } catch (error) {
      this.add(name, performance.now() - started, { failed: true });
      throw error;
    }
  }

  /** The steps not yet written to the run (each write appends only those), marked as written. */
  unsaved(): AgentRunStep[] {
    const fresh = this.steps.slice(this.saved);
    this.saved = this.steps.length;
    return fresh;
  }

  add(name: string, durationMs: number, details?: Record<string, unknown>): void {
    this.steps.push({
      name,
      attempt: this.attempt,
      durationMs: Math.round(durationMs),
      ...(details ? { details } : {}),
    });
  }
}
