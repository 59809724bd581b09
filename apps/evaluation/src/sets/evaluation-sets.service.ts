import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CreateEvaluationDto,
  EvaluationItemView,
  EvaluationSetView,
  ListEvaluationsQuery,
  RagEvaluationView,
  ReportLinksView,
} from '@rag/api';
import { Actor, createEvent, EvaluationSetCreated } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, In } from 'typeorm';
import { PlatformClients } from '../clients/platform.clients';
import { RagEvaluation } from '../evaluations/rag-evaluation.entity';
import { RagMetric, toMetricsView } from '../evaluations/rag-metric.entity';
import { EvaluationReports } from '../report-store/evaluation-reports';
import { EvaluationSet } from './evaluation-set.entity';
import { EvaluationSetItem } from './evaluation-set-item.entity';
import { EvaluationSetRunner } from './evaluation-set-runner';

const sets = new TenantScopedRepository(EvaluationSet, 'tenantId');
const items = new TenantScopedRepository(EvaluationSetItem, 'tenantId');
const evaluations = new TenantScopedRepository(RagEvaluation, 'tenantId');
const metrics = new TenantScopedRepository(RagMetric, 'tenantId');

const SUMMARY_KEYS = [
  'faithfulness',
  'relevance',
  'coverage',
  'hallucination',
  'contextPrecision',
  'contextRecall',
  'latencyMs',
  'costUsd',
] as const;

/** Evaluation sets, their progress and results, and the evaluations of a session. */
@Injectable()
export class EvaluationSetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly runner: EvaluationSetRunner,
    private readonly reports: EvaluationReports,
    private readonly clients: PlatformClients,
  ) {}

  async create(scope: TenantScope, input: CreateEvaluationDto, actor: Actor): Promise<EvaluationSetView> {
    const tenantId = requireTenant(scope, 'running an evaluation');
    const now = new Date();
    const set: EvaluationSet = {
      id: randomUUID(),
      tenantId,
      name: input.name ?? null,
      judge: input.judge ?? 'local',
      status: 'running',
      total: input.questions.length,
      heartbeatAt: now,
      createdAt: now,
      completedAt: null,
    };
    await this.dataSource.transaction(async (manager) => {
      await sets.insert(manager, scope, set);
      for (const [position, question] of input.questions.entries()) {
        await items.insert(manager, scope, {
          id: randomUUID(),
          tenantId,
          evaluationSetId: set.id,
          position,
          question: question.question,
          expectedAnswer: question.expectedAnswer ?? null,
          expectedSources: question.expectedSources ?? [],
          status: 'pending',
          sessionId: null,
          userMessageId: null,
          evaluationId: null,
          error: null,
        });
      }
      await this.outbox.publish(
        manager,
        createEvent(EvaluationSetCreated, {
          tenantId,
          actor,
          resourceId: set.id,
          data: { questions: set.total, judge: set.judge },
        }),
      );
    });
    this.runner.start(set);
    return this.get(scope, set.id);
  }

  async get(scope: TenantScope, id: string): Promise<EvaluationSetView> {
    const manager = this.dataSource.manager;
    const set = await sets.findOne(manager, scope, { id });
    if (!set) throw new NotFoundError('evaluation', id);
    const questions = await items
      .query(manager, scope, 'i')
      .andWhere('i.evaluationSetId = :id', { id })
      .orderBy('i.position', 'ASC')
      .getMany();
    const ids = questions.flatMap((item) => item.evaluationId ?? []);
    const [found, scores, report] = await Promise.all([
      ids.length
        ? evaluations
            .query(manager, scope, 'e')
            .andWhere({ id: In(ids) })
            .getMany()
        : [],
      ids.length
        ? metrics
            .query(manager, scope, 'm')
            .andWhere({ evaluationId: In(ids) })
            .getMany()
        : [],
      this.reports.latestForSet(set.tenantId, set.id),
    ]);
    const answers = new Map(found.map((evaluation) => [evaluation.id, evaluation.answer]));
    const byEvaluation = new Map(scores.map((metric) => [metric.evaluationId, toMetricsView(metric)]));
    const views: EvaluationItemView[] = questions.map((item) => ({
      position: item.position,
      question: item.question,
      expectedAnswer: item.expectedAnswer,
      expectedSources: item.expectedSources,
      status: item.status,
      answer: item.evaluationId ? (answers.get(item.evaluationId) ?? null) : null,
      metrics: item.evaluationId ? (byEvaluation.get(item.evaluationId) ?? null) : null,
      error: item.error,
    }));
    const scored = views.filter((item) => item.metrics);
    return {
      id: set.id,
      name: set.name,
      status: set.status,
      judge: scored[0]?.metrics?.judge ?? set.judge,
      total: set.total,
      scored: scored.length,
      failed: views.filter((item) => item.status === 'failed').length,
      summary: scored.length ? summarize(scored.map((item) => item.metrics!)) : null,
      items: views,
      report: report ? this.reports.links(report) : null,
      createdAt: set.createdAt.toISOString(),
      completedAt: set.completedAt?.toISOString() ?? null,
    };
  }

  /** The scored answers of a session (404 when chat knows no such session of the tenant). */
  async ofSession(scope: TenantScope, query: ListEvaluationsQuery): Promise<Page<RagEvaluationView>> {
    const tenantId = requireTenant(scope, 'listing evaluations');
    await this.clients.session(tenantId, query.sessionId);
    const manager = this.dataSource.manager;
    const builder = evaluations
      .query(manager, scope, 'e')
      .andWhere('e.sessionId = :sessionId', { sessionId: query.sessionId });
    const page = await pageByCreatedAt(builder, 'e', query, 'DESC', (evaluation) => evaluation);
    const ids = page.items.map((evaluation) => evaluation.id);
    const scores = ids.length
      ? await metrics
          .query(manager, scope, 'm')
          .andWhere({ evaluationId: In(ids) })
          .getMany()
      : [];
    const byEvaluation = new Map(scores.map((metric) => [metric.evaluationId, toMetricsView(metric)]));
    return {
      items: page.items.map((evaluation) => ({
        id: evaluation.id,
        sessionId: evaluation.sessionId,
        agentRunId: evaluation.agentRunId,
        query: evaluation.query,
        answer: evaluation.answer,
        metrics: byEvaluation.get(evaluation.id)!,
        createdAt: evaluation.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  async sessionReport(scope: TenantScope, sessionId: string): Promise<ReportLinksView> {
    const tenantId = requireTenant(scope, 'reporting on a session');
    await this.clients.session(tenantId, sessionId);
    return this.reports.links(await this.reports.forSession(tenantId, sessionId));
  }
}

function summarize(rows: EvaluationSetView['items'][number]['metrics'][]): EvaluationSetView['summary'] {
  const mean = (key: (typeof SUMMARY_KEYS)[number]) => {
    const values = rows.map((row) => row?.[key]).filter((value): value is number => typeof value === 'number');
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  };
  return Object.fromEntries(SUMMARY_KEYS.map((key) => [key, mean(key)])) as EvaluationSetView['summary'];
}
