import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AgentRunCompleted, AgentRunFailed, AgentType, createEvent, SERVICE_ACTOR } from '@rag/contracts';
import { ChainAttempt } from '@rag/llm';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { AgentRun, AgentRunMetadata, AgentRunStep, countedAttempts, PendingReply } from './agent-run.entity';
import { RunResult } from './agent';
import { RunError } from './run-error';

const NOW = `(now() AT TIME ZONE 'utc')`;
const CLAIM_CANDIDATES = 20;

interface AgentRunRaw {
  id: string;
  tenant_id: string;
  session_id: string | null;
  agent_type: AgentType;
  status: AgentRun['status'];
  started_at: Date | null;
  completed_at: Date | null;
  metadata: AgentRunMetadata;
  created_at: Date;
  attempts: number;
  heartbeat_at: Date | null;
  next_attempt_at: Date | null;
}

function fromRaw(raw: AgentRunRaw): AgentRun {
  return {
    id: raw.id,
    tenantId: raw.tenant_id,
    sessionId: raw.session_id,
    agentType: raw.agent_type,
    status: raw.status,
    startedAt: raw.started_at,
    completedAt: raw.completed_at,
    metadata: raw.metadata,
    createdAt: raw.created_at,
    attempts: raw.attempts,
    heartbeatAt: raw.heartbeat_at,
    nextAttemptAt: raw.next_attempt_at,
  };
}

export interface NewRun {
  id: string;
  tenantId: string;
  sessionId: string;
  agentType: AgentType;
  metadata: AgentRunMetadata;
}

export interface FailureRecord {
  errorType: string;
  errorMessage: string;
  retryable: boolean;
}

/** A run that ended failed, for whoever must be told (chat's waiters). */
export interface FailedRun {
  run: AgentRun;
  failure: FailureRecord;
}

/**
 * The run state machine's transitions, each an atomic UPDATE guarded by the expected status and,
 * for a worker's writes, by `attempts` (the fencing token of the claim): a worker whose run was
 * cancelled or taken over after a missed heartbeat can no longer change it. These are platform
 * jobs over one run at a time, each write carrying the run's own tenant id.
 */
@Injectable()
export class AgentRunStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** Queues the run unless it exists (a redelivered event, a summary already pending); true when queued. */
  async enqueue(run: NewRun, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO agent_runs (id, tenant_id, session_id, agent_type, status, metadata, created_at)
       VALUES ($1, $2, $3, $4, 'queued', $5, ${NOW})
       ON CONFLICT DO NOTHING RETURNING id`,
      [run.id, run.tenantId, run.sessionId, run.agentType, JSON.stringify(run.metadata)],
    )) as unknown[];
    return rows.length === 1;
  }

  /**
   * Takes the oldest due queued run whose tenant runs fewer than `tenantLimit` runs (counted under
   * a per-tenant lock, so replicas claiming at once cannot both take the last slot).
   */
  async claimNext(tenantLimit: number): Promise<AgentRun | null> {
    return this.dataSource.transaction(async (manager) => {
      const candidates = (await manager.query(
        `SELECT id, tenant_id FROM agent_runs
          WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ${NOW})
          ORDER BY created_at LIMIT ${CLAIM_CANDIDATES} FOR UPDATE SKIP LOCKED`,
      )) as { id: string; tenant_id: string }[];
      const full = new Set<string>();
      for (const candidate of candidates) {
        if (full.has(candidate.tenant_id)) continue;
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `agent-runs:${candidate.tenant_id}`,
        ]);
        const [{ running }] = (await manager.query(
          `SELECT count(*)::int AS running FROM agent_runs WHERE tenant_id = $1 AND status = 'running'`,
          [candidate.tenant_id],
        )) as { running: number }[];
        if (running >= tenantLimit) {
          full.add(candidate.tenant_id);
          continue;
        }
        const [rows] = (await manager.query(
          `UPDATE agent_runs
              SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, ${NOW}),
                  heartbeat_at = ${NOW}, next_attempt_at = NULL
            WHERE id = $1 AND tenant_id = $2 RETURNING *`,
          [candidate.id, candidate.tenant_id],
        )) as [AgentRunRaw[], number];
        return fromRaw(rows[0]);
      }
      return null;
    });
  }

  /** Heartbeats the runs this worker holds; answers the ids it still holds (not cancelled, not taken over). */
  async heartbeat(runs: AgentRun[]): Promise<Set<string>> {
    if (runs.length === 0) return new Set();
    const [rows] = (await this.dataSource.query(
      `UPDATE agent_runs r SET heartbeat_at = ${NOW}
         FROM unnest($1::uuid[], $2::int[]) AS held(id, attempts)
        WHERE r.id = held.id AND r.attempts = held.attempts AND r.status = 'running'
        RETURNING r.id`,
      [runs.map((run) => run.id), runs.map((run) => run.attempts)],
    )) as [{ id: string }[], number];
    return new Set(rows.map((row) => row.id));
  }

  /** Keeps the answer before it is delivered (see AgentRunMetadata.checkpoint); false when the run is no longer held. */
  async saveCheckpoint(run: AgentRun, checkpoint: PendingReply, steps: AgentRunStep[]): Promise<boolean> {
    return this.guardedUpdate(
      this.dataSource.manager,
      run,
      `metadata = ${withSteps('$3')} || jsonb_build_object('checkpoint', $4::jsonb)`,
      [JSON.stringify(steps), JSON.stringify(checkpoint)],
    );
  }

  async succeed(
    run: AgentRun,
    result: RunResult,
    steps: AgentRunStep[],
    providerFailures: FailureRecord[],
  ): Promise<boolean> {
    const patch: AgentRunMetadata = {
      provider: result.provider,
      model: result.model,
      usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens, costUsd: result.costUsd },
      latencyMs: result.latencyMs,
      ...(result.replyMessageId ? { replyMessageId: result.replyMessageId } : {}),
      ...(result.summary ? { summary: result.summary } : {}),
    };
    return this.dataSource.transaction(async (manager) => {
      const done = await this.guardedUpdate(
        manager,
        run,
        `status = 'succeeded', completed_at = ${NOW}, heartbeat_at = NULL,
         metadata = (${withSteps('$3')} - 'checkpoint') || $4::jsonb`,
        [JSON.stringify(steps), JSON.stringify(patch)],
      );
      if (!done) return false;
      await this.insertFailures(manager, run, providerFailures);
      await this.outbox.publish(
        manager,
        createEvent(AgentRunCompleted, {
          tenantId: run.tenantId,
          actor: SERVICE_ACTOR,
          resourceId: run.id,
          data: {
            sessionId: run.sessionId!,
            agentType: run.agentType,
            userId: run.metadata.userId ?? null,
            provider: result.provider,
            model: result.model,
            inputTokens: result.inputTokens,
            outputTokens: result.outputTokens,
            costUsd: result.costUsd,
            latencyMs: result.latencyMs,
            replyMessageId: result.replyMessageId ?? null,
            userMessageId: run.metadata.trigger?.messageId ?? null,
          },
        }),
      );
      return true;
    });
  }

  /**
   * Back to the queue after a retryable failure, due again in `delayMs`; an `outage` (a dependency
   * down) is recorded so that the attempt does not count towards AGENT_MAX_ATTEMPTS.
   */
  async retryLater(
    run: AgentRun,
    delayMs: number,
    failure: RunError,
    steps: AgentRunStep[],
    outage = false,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const outageRetries = (run.metadata.outageRetries ?? 0) + (outage ? 1 : 0);
      const done = await this.guardedUpdate(
        manager,
        run,
        `status = 'queued', heartbeat_at = NULL,
         next_attempt_at = ${NOW} + make_interval(secs => $4::float / 1000),
         metadata = jsonb_set(${withSteps('$3')}, '{outageRetries}', to_jsonb($5::int))`,
        [JSON.stringify(steps), delayMs, outageRetries],
      );
      if (done) await this.insertFailures(manager, run, failureRecords(failure));
      return done;
    });
  }

  async fail(run: AgentRun, failure: RunError, steps: AgentRunStep[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const error = { type: failure.type, message: failure.message.slice(0, 2000) };
      const done = await this.guardedUpdate(
        manager,
        run,
        `status = 'failed', completed_at = ${NOW}, heartbeat_at = NULL,
         metadata = (${withSteps('$3')} - 'checkpoint') || jsonb_build_object('error', $4::jsonb)`,
        [JSON.stringify(steps), JSON.stringify(error)],
      );
      if (!done) return false;
      await this.insertFailures(manager, run, failureRecords(failure));
      await this.publishFailed(manager, run, failure.type);
      return true;
    });
  }

  /** A worker shutting down hands its run back at once instead of waiting for the reaper. */
  async release(run: AgentRun, steps: AgentRunStep[]): Promise<void> {
    await this.guardedUpdate(
      this.dataSource.manager,
      run,
      `status = 'queued', heartbeat_at = NULL, metadata = ${withSteps('$3')}`,
      [JSON.stringify(steps)],
    );
  }

  /**
   * Runs whose worker stopped heartbeating before `staleBefore`: back to the queue or, after the
   * last attempt, failed. Answers the failed ones.
   */
  async reap(staleBefore: Date, maxAttempts: number, limit = 100): Promise<FailedRun[]> {
    return this.dataSource.transaction(async (manager) => {
      const stale = (await manager.query(
        `SELECT * FROM agent_runs WHERE status = 'running' AND heartbeat_at < $1
          ORDER BY heartbeat_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [staleBefore.toISOString().replace('Z', ''), limit],
      )) as AgentRunRaw[];
      const failed: FailedRun[] = [];
      for (const run of stale.map(fromRaw)) {
        const giveUp = countedAttempts(run) >= maxAttempts;
        const lost = `the worker stopped heartbeating during attempt ${run.attempts}`;
        const failure = new RunError(
          'worker_lost',
          giveUp ? `${lost}; gave up after ${run.attempts} attempts` : lost,
          !giveUp,
        );
        if (giveUp) {
          await this.guardedUpdate(
            manager,
            run,
            `status = 'failed', completed_at = ${NOW}, heartbeat_at = NULL,
             metadata = (metadata - 'checkpoint') || jsonb_build_object('error', $3::jsonb)`,
            [JSON.stringify({ type: failure.type, message: failure.message })],
          );
          await this.publishFailed(manager, run, failure.type);
          failed.push({ run, failure: failureRecords(failure)[0] });
        } else {
          await this.guardedUpdate(manager, run, `status = 'queued', heartbeat_at = NULL, next_attempt_at = NULL`, []);
        }
        await this.insertFailures(manager, run, failureRecords(failure));
      }
      return failed;
    });
  }

  private async guardedUpdate(
    manager: EntityManager,
    run: AgentRun,
    change: string,
    values: unknown[],
  ): Promise<boolean> {
    const [, affected] = (await manager.query(
      `UPDATE agent_runs SET ${change} WHERE id = $1 AND attempts = $2 AND status = 'running'`,
      [run.id, run.attempts, ...values],
    )) as [unknown, number];
    return affected === 1;
  }

  private async insertFailures(manager: EntityManager, run: AgentRun, failures: FailureRecord[]): Promise<void> {
    for (const failure of failures) {
      await manager.query(
        `INSERT INTO agent_failures (id, tenant_id, agent_run_id, error_type, error_message, retryable, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, ${NOW})`,
        [randomUUID(), run.tenantId, run.id, failure.errorType, failure.errorMessage.slice(0, 2000), failure.retryable],
      );
    }
  }

  private async publishFailed(manager: EntityManager, run: AgentRun, errorType: string): Promise<void> {
    await this.outbox.publish(
      manager,
      createEvent(AgentRunFailed, {
        tenantId: run.tenantId,
        actor: SERVICE_ACTOR,
        resourceId: run.id,
        data: { sessionId: run.sessionId!, agentType: run.agentType, errorType },
      }),
    );
  }
}

/** The run's metadata with this attempt's steps appended ($n: a JSON array). */
function withSteps(parameter: string): string {
  return `jsonb_set(metadata, '{steps}', COALESCE(metadata->'steps', '[]'::jsonb) || ${parameter}::jsonb)`;
}

/** Failed provider calls as agent_failures rows. */
export function providerFailureRecords(attempts: ChainAttempt[]): FailureRecord[] {
  return attempts.flatMap((attempt) =>
    attempt.error
      ? [{ errorType: attempt.error.kind, errorMessage: attempt.error.message, retryable: attempt.error.retryable }]
      : [],
  );
}

/** The provider calls that failed on the way, then the attempt's own failure. */
export function failureRecords(failure: RunError): FailureRecord[] {
  return [
    ...providerFailureRecords(failure.providerFailures),
    { errorType: failure.type, errorMessage: failure.message, retryable: failure.retryable },
  ];
}
