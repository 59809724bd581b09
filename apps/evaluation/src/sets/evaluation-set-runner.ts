import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createEvent, EvaluationSetCompleted, ragAnswerRunId, replyMessageId, SERVICE_ACTOR } from '@rag/contracts';
import { tenantScope, TenantScopedRepository } from '@rag/database';
import { ServiceCallError } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { PlatformClients } from '../clients/platform.clients';
import { EvaluationEnv } from '../evaluation.env';
import { AnswerScorer } from '../evaluations/answer-scorer';
import { EvaluationReports } from '../report-store/evaluation-reports';
import { EvaluationSet } from './evaluation-set.entity';
import { EvaluationSetItem } from './evaluation-set-item.entity';

const items = new TenantScopedRepository(EvaluationSetItem, 'tenantId');
const sets = new TenantScopedRepository(EvaluationSet, 'tenantId');
const NOW = `(now() AT TIME ZONE 'utc')`;

/**
 * Runs evaluation sets: each question is asked in a chat session of its own through the real RAG
 * path (chat -> Kafka -> agents -> ingestion -> the tenant's models), the answer scored, and when
 * every question is done the report is written. A set is held by one replica, which heartbeats it;
 * a set whose replica went silent is resumed elsewhere from its items' recorded progress.
 */
@Injectable()
export class EvaluationSetRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EvaluationSetRunner.name);
  private readonly held = new Set<string>();
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly env: EvaluationEnv,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clients: PlatformClients,
    private readonly scorer: AnswerScorer,
    private readonly reports: EvaluationReports,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), Math.max(500, this.env.EVALUATION_HEARTBEAT_TIMEOUT_MS / 3));
    void this.tick();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    clearInterval(this.timer);
  }

  /** Starts a set this replica just created (it is already held: heartbeat_at is now). */
  start(set: EvaluationSet): void {
    void this.run(set);
  }

  private async tick(): Promise<void> {
    try {
      if (this.held.size > 0) {
        await this.dataSource.query(`UPDATE evaluation_sets SET heartbeat_at = ${NOW} WHERE id = ANY($1::uuid[])`, [
          [...this.held],
        ]);
      }
      const [rows] = (await this.dataSource.query(
        `UPDATE evaluation_sets SET heartbeat_at = ${NOW}
          WHERE id = (SELECT id FROM evaluation_sets
                       WHERE status = 'running' AND heartbeat_at < ${NOW} - make_interval(secs => $1::float / 1000)
                       ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, tenant_id`,
        [this.env.EVALUATION_HEARTBEAT_TIMEOUT_MS],
      )) as [{ id: string; tenant_id: string }[], number];
      if (rows.length === 1 && !this.stopping) {
        const set = await sets.findOne(this.dataSource.manager, tenantScope(rows[0].tenant_id), { id: rows[0].id });
        if (set) this.start(set);
      }
    } catch (error) {
      this.logger.warn(`evaluation set upkeep failed: ${(error as Error).message}`);
    }
  }

  private async run(set: EvaluationSet): Promise<void> {
    if (this.held.has(set.id)) return;
    this.held.add(set.id);
    try {
      const scope = tenantScope(set.tenantId);
      const open = await items
        .query(this.dataSource.manager, scope, 'i')
        .andWhere('i.evaluationSetId = :id', { id: set.id })
        .andWhere("i.status IN ('pending', 'asked')")
        .orderBy('i.position', 'ASC')
        .getMany();
      const queue = [...open];
      const worker = async () => {
        for (let item = queue.shift(); item && !this.stopping; item = queue.shift()) await this.answer(set, item);
      };
      await Promise.all(Array.from({ length: this.env.EVALUATION_SET_CONCURRENCY }, worker));
      if (!this.stopping) await this.finish(set);
    } catch (error) {
      this.logger.warn(`evaluation set ${set.id}: ${(error as Error).message}; another pass will resume it`);
    } finally {
      this.held.delete(set.id);
    }
  }

  /**
   * Asks the question (unless a previous pass did: its message id is recorded before the answer is
   * awaited, and found in the question's own session if the pass died before recording it), awaits the run that answers it,
   * and scores the answer or records why there is none.
   */
  private async answer(set: EvaluationSet, item: EvaluationSetItem): Promise<void> {
    const scope = tenantScope(set.tenantId);
    const manager = this.dataSource.manager;
    try {
      if (!item.sessionId) {
        item.sessionId = (await this.clients.openSession(set.tenantId)).id;
        await items.update(manager, scope, { id: item.id }, { sessionId: item.sessionId });
      }
      if (!item.userMessageId) {
        // The question has a session of its own: a message found there was asked by a pass that
        // died before recording it.
        item.userMessageId =
          (await this.clients.firstMessageId(set.tenantId, item.sessionId)) ??
          (await this.clients.ask(set.tenantId, item.sessionId, item.question)).id;
        await items.update(manager, scope, { id: item.id }, { userMessageId: item.userMessageId, status: 'asked' });
      }
      const runId = ragAnswerRunId(item.userMessageId);
      const run = await this.clients.endedRun(set.tenantId, runId, this.env.EVALUATION_ANSWER_WAIT_SECONDS * 1000);
      if (run.status !== 'succeeded') {
        const error = run.error ?? `the run ended ${run.status}`;
        await items.update(manager, scope, { id: item.id }, { status: 'failed', error: error.slice(0, 2000) });
        return;
      }
      const evaluationId = await this.scorer.score({
        tenantId: set.tenantId,
        sessionId: item.sessionId,
        runId,
        userMessageId: item.userMessageId,
        replyMessageId: replyMessageId(item.userMessageId),
        judge: set.judge,
        evaluationSetId: set.id,
        expectedAnswer: item.expectedAnswer,
        expectedSources: item.expectedSources,
      });
      await items.update(manager, scope, { id: item.id }, { status: 'scored', evaluationId, error: null });
    } catch (error) {
      // Unreachable services and unfinished runs are retried by a later pass; anything else
      // (a judge that cannot read the model's verdicts) fails the question.
      if (error instanceof ServiceCallError && error.retryable) throw error;
      const message = (error as Error).message.slice(0, 2000);
      await items.update(manager, scope, { id: item.id }, { status: 'failed', error: message });
    }
  }

  private async finish(set: EvaluationSet): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const scope = tenantScope(set.tenantId);
      const locked = await sets.findOneForUpdate(manager, scope, { id: set.id });
      if (!locked || locked.status !== 'running') return;
      const counts = (await manager.query(
        `SELECT count(*) FILTER (WHERE status = 'scored')::int AS scored, count(*) FILTER (WHERE status = 'failed')::int AS failed
           FROM evaluation_set_items WHERE tenant_id = $1 AND evaluation_set_id = $2`,
        [set.tenantId, set.id],
      )) as { scored: number; failed: number }[];
      const judgeName = await this.judgeName(manager, set);
      await this.reports.forSet(manager, set, judgeName);
      await sets.update(
        manager,
        scope,
        { id: set.id },
        { status: 'completed', completedAt: new Date(), heartbeatAt: null },
      );
      await this.outbox.publish(
        manager,
        createEvent(EvaluationSetCompleted, {
          tenantId: set.tenantId,
          actor: SERVICE_ACTOR,
          resourceId: set.id,
          data: counts[0],
        }),
      );
    });
  }

  private async judgeName(manager: import('typeorm').EntityManager, set: EvaluationSet): Promise<string> {
    const [row] = (await manager.query(
      `SELECT m.judge FROM rag_metrics m JOIN rag_evaluations e ON e.id = m.evaluation_id
        WHERE e.tenant_id = $1 AND e.evaluation_set_id = $2 LIMIT 1`,
      [set.tenantId, set.id],
    )) as { judge: string }[];
    return row?.judge ?? set.judge;
  }
}
