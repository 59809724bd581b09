import { Inject, Injectable, Logger } from '@nestjs/common';
import { ragAnswerRunId } from '@rag/contracts';
import { counter, histogram } from '@rag/observability';
import { isTransientError } from '@rag/messaging';
import { AgentsEnv } from '../agents.env';
import { ChatClient } from '../clients/chat.client';
import { Agent, AGENTS } from './agent';
import { AgentRun, countedAttempts } from './agent-run.entity';
import { AgentRunStore, failureRecords, FailedRun, providerFailureRecords } from './agent-run-store';
import { RunTimeoutError, toRunError } from './run-error';
import { RunSteps } from './run-steps';

const outcomes = counter('agent_runs_total', 'Run attempts by outcome', ['agent_type', 'outcome']);
const durations = histogram(
  'agent_run_attempt_duration_seconds',
  'One attempt of a run',
  ['agent_type'],
  [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
);

/** Why this worker stopped a run it held: it is no longer this worker's to finish. */
export class RunReleased extends Error {
  constructor(readonly reason: 'lost' | 'shutdown') {
    super(reason === 'lost' ? 'the run was cancelled or taken over' : 'the replica is stopping');
  }
}

/**
 * Executes one claimed attempt of a run: success is committed with its usage event; a retryable
 * failure goes back to the queue with backoff until AGENT_MAX_ATTEMPTS; the last failure fails
 * the run and tells chat (so that a waiting client sees why).
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger(RunExecutor.name);
  private readonly agents: Map<string, Agent>;

  constructor(
    private readonly env: AgentsEnv,
    private readonly store: AgentRunStore,
    private readonly chat: ChatClient,
    @Inject(AGENTS) agents: Agent[],
  ) {
    this.agents = new Map(agents.map((agent) => [agent.type, agent]));
  }

  async execute(run: AgentRun, held: AbortSignal): Promise<void> {
    const agent = this.agents.get(run.agentType)!;
    const timeout = AbortSignal.timeout(this.env.AGENT_RUN_TIMEOUT_MS);
    const signal = AbortSignal.any([held, timeout]);
    const steps = new RunSteps(run.attempts);
    const stopTimer = durations.startTimer({ agent_type: run.agentType });
    const checkpoint = async (reply: Parameters<Parameters<Agent['run']>[0]['checkpoint']>[0]) => {
      if (!(await this.store.saveCheckpoint(run, reply, steps.unsaved()))) throw new RunReleased('lost');
    };
    try {
      const result = await agent.run({ run, signal, steps, checkpoint });
      const failures = providerFailureRecords(result.providerFailures);
      if (!(await this.store.succeed(run, result, steps.unsaved(), failures))) return;
      outcomes.inc({ agent_type: run.agentType, outcome: 'succeeded' });
      await agent.afterSuccess?.(run, result).catch((error: unknown) => {
        this.logger.warn(`after run ${run.id}: ${(error as Error).message}`);
      });
    } catch (error) {
      await this.settleFailure(run, error, { held, timeout }, steps);
    } finally {
      stopTimer();
    }
  }

  private async settleFailure(
    run: AgentRun,
    error: unknown,
    signals: { held: AbortSignal; timeout: AbortSignal },
    steps: RunSteps,
  ): Promise<void> {
    if (signals.held.aborted) {
      const reason = signals.held.reason as RunReleased;
      if (reason.reason === 'shutdown') await this.store.release(run, steps.unsaved()).catch(() => undefined);
      outcomes.inc({ agent_type: run.agentType, outcome: 'released' });
      return;
    }
    const failure = signals.timeout.aborted ? new RunTimeoutError(this.env.AGENT_RUN_TIMEOUT_MS) : toRunError(error);
    const outage =
      failure.retryable &&
      isTransientError(error) &&
      Date.now() - run.createdAt.getTime() < this.env.AGENT_OUTAGE_TOLERANCE_MS;
    if (outage || (failure.retryable && countedAttempts(run) < this.env.AGENT_MAX_ATTEMPTS)) {
      // Through an outage, retry often enough to answer soon after the dependency is back.
      const delay = Math.min(outage ? 5000 : 60_000, this.env.AGENT_RETRY_BASE_MS * 2 ** (run.attempts - 1));
      const jittered = Math.round(delay * (0.5 + Math.random() / 2));
      this.logger.warn(`run ${run.id} attempt ${run.attempts} failed (${failure.type}); retrying in ${jittered} ms`);
      await this.store.retryLater(run, jittered, failure, steps.unsaved(), outage);
      outcomes.inc({ agent_type: run.agentType, outcome: 'retried' });
      return;
    }
    this.logger.warn(`run ${run.id} failed after ${run.attempts} attempt(s): ${failure.type}: ${failure.message}`);
    if (await this.store.fail(run, failure, steps.unsaved())) {
      outcomes.inc({ agent_type: run.agentType, outcome: 'failed' });
      await this.tellChat({ run, failure: failureRecords(failure).at(-1)! });
    }
  }

  /** Best effort: the run's status stays readable at GET /v1/agent-runs/:id whatever happens here. */
  async tellChat({ run, failure }: FailedRun): Promise<void> {
    const userMessageId = run.metadata.trigger?.messageId;
    if (run.agentType !== 'rag-answer' || !run.sessionId || !userMessageId) return;
    await this.chat
      .notifyRunFailure(run.tenantId, run.sessionId, {
        runId: ragAnswerRunId(userMessageId),
        userMessageId,
        code: failure.errorType,
        message: failure.errorMessage.slice(0, 2000),
        retryable: failure.retryable,
      })
      .catch((error: unknown) => this.logger.warn(`telling chat run ${run.id} failed: ${(error as Error).message}`));
  }
}
