import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { gauge } from '@rag/observability';
import { AgentsEnv } from '../agents.env';
import { AgentRun } from './agent-run.entity';
import { AgentRunStore } from './agent-run-store';
import { RunExecutor, RunReleased } from './run-executor';

const heldRuns = gauge('agent_runs_held', 'Runs this replica is executing');

interface Held {
  run: AgentRun;
  abort: AbortController;
}

/**
 * Feeds this replica's workers: claims due runs (up to AGENT_CONCURRENCY here, and
 * AGENT_TENANT_CONCURRENCY per tenant across replicas) when poked by a new run or a finished one,
 * and every AGENT_POLL_INTERVAL_MS for runs it was not told about; heartbeats what it holds
 * (a run cancelled or taken over is stopped); takes over runs whose worker went silent.
 */
@Injectable()
export class RunScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunScheduler.name);
  private readonly held = new Map<string, Held>();
  private claiming = false;
  private pokedWhileClaiming = false;
  private stopping = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly env: AgentsEnv,
    private readonly store: AgentRunStore,
    private readonly executor: RunExecutor,
  ) {}

  onApplicationBootstrap(): void {
    const heartbeatEvery = Math.max(100, Math.floor(this.env.AGENT_HEARTBEAT_TIMEOUT_MS / 3));
    this.timers = [
      setInterval(() => void this.beat(), heartbeatEvery),
      setInterval(() => void this.sweep(), this.env.AGENT_POLL_INTERVAL_MS),
    ];
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.timers.forEach(clearInterval);
    for (const { abort } of this.held.values()) abort.abort(new RunReleased('shutdown'));
  }

  /** Claims runs while there is room; cheap to call often. */
  poke(): void {
    void this.fill();
  }

  private async fill(): Promise<void> {
    if (this.claiming) {
      this.pokedWhileClaiming = true;
      return;
    }
    this.claiming = true;
    try {
      do {
        this.pokedWhileClaiming = false;
        while (!this.stopping && this.held.size < this.env.AGENT_CONCURRENCY) {
          const run = await this.store.claimNext(this.env.AGENT_TENANT_CONCURRENCY);
          if (!run) break;
          this.start(run);
        }
      } while (this.pokedWhileClaiming && !this.stopping);
    } catch (error) {
      this.logger.warn(`claiming runs failed: ${(error as Error).message}`);
    } finally {
      this.claiming = false;
    }
  }

  private start(run: AgentRun): void {
    const abort = new AbortController();
    this.held.set(run.id, { run, abort });
    heldRuns.set(this.held.size);
    void this.executor
      .execute(run, abort.signal)
      .catch((error: unknown) => this.logger.error(`run ${run.id}: ${(error as Error).message}`))
      .finally(() => {
        this.held.delete(run.id);
        heldRuns.set(this.held.size);
        this.poke();
      });
  }

  private async beat(): Promise<void> {
    const runs = [...this.held.values()].map((held) => held.run);
    try {
      const stillHeld = await this.store.heartbeat(runs);
      for (const run of runs) {
        if (!stillHeld.has(run.id)) this.held.get(run.id)?.abort.abort(new RunReleased('lost'));
      }
    } catch (error) {
      this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** Lost workers' runs back to the queue (or failed), then whatever is due. */
  private async sweep(): Promise<void> {
    if (this.stopping) return;
    try {
      const staleBefore = new Date(Date.now() - this.env.AGENT_HEARTBEAT_TIMEOUT_MS);
      const failed = await this.store.reap(staleBefore, this.env.AGENT_MAX_ATTEMPTS);
      await Promise.all(failed.map((entry) => this.executor.tellChat(entry)));
    } catch (error) {
      this.logger.warn(`reaping runs failed: ${(error as Error).message}`);
    }
    this.poke();
  }
}
