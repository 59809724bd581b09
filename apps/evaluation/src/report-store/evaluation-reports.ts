import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ReportLinksView } from '@rag/api';
import { BLOB_STORE, BlobStore } from '@rag/blob-store';
import { createEvent, RagReportCreated, SERVICE_ACTOR } from '@rag/contracts';
import { tenantScope, TenantScopedRepository } from '@rag/database';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager, In } from 'typeorm';
import { RagEvaluation } from '../evaluations/rag-evaluation.entity';
import { RagMetric } from '../evaluations/rag-metric.entity';
import { RagReport } from '../evaluations/rag-report.entity';
import { ReportData, ReportRow } from '../reports/report-data';
import { renderReportHtml } from '../reports/render-report-html';
import { renderReportJson } from '../reports/render-report-json';
import { EvaluationSet } from '../sets/evaluation-set.entity';
import { EvaluationSetItem } from '../sets/evaluation-set-item.entity';

const evaluations = new TenantScopedRepository(RagEvaluation, 'tenantId');
const metrics = new TenantScopedRepository(RagMetric, 'tenantId');
const items = new TenantScopedRepository(EvaluationSetItem, 'tenantId');
const reports = new TenantScopedRepository(RagReport, 'tenantId');

/** Reports (HTML with charts, and its JSON twin) in the blob store; rag_reports keeps their URLs. */
@Injectable()
export class EvaluationReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async forSet(manager: EntityManager, set: EvaluationSet, judge: string): Promise<RagReport> {
    const scope = tenantScope(set.tenantId);
    const questions = await items
      .query(manager, scope, 'i')
      .andWhere('i.evaluationSetId = :id', { id: set.id })
      .orderBy('i.position', 'ASC')
      .getMany();
    const scored = await this.scoredRows(
      manager,
      set.tenantId,
      questions.flatMap((item) => item.evaluationId ?? []),
    );
    const rows = questions.map((item) => {
      const row = item.evaluationId ? scored.get(item.evaluationId) : undefined;
      return row
        ? { ...row, expectedAnswer: item.expectedAnswer }
        : failedRow(item.question, item.expectedAnswer, item.error ?? 'not answered');
    });
    const title = set.name ?? `Evaluation ${set.id}`;
    return this.store(
      manager,
      { tenantId: set.tenantId, evaluationSetId: set.id, sessionId: null },
      title,
      judge,
      rows,
    );
  }

  async forSession(tenantId: string, sessionId: string): Promise<RagReport> {
    return this.dataSource.transaction(async (manager) => {
      const found = await evaluations
        .query(manager, tenantScope(tenantId), 'e')
        .andWhere('e.sessionId = :sessionId', { sessionId })
        .orderBy('e.createdAt', 'ASC')
        .getMany();
      const scored = await this.scoredRows(
        manager,
        tenantId,
        found.map((evaluation) => evaluation.id),
      );
      const rows = found.map((evaluation) => scored.get(evaluation.id)!);
      const judges = [...new Set(found.map((evaluation) => scored.get(evaluation.id)?.judge))].join(', ');
      return this.store(
        manager,
        { tenantId, evaluationSetId: null, sessionId },
        `Session ${sessionId}`,
        judges || '-',
        rows,
      );
    });
  }

  links(report: RagReport): ReportLinksView {
    return {
      id: report.id,
      htmlUrl: this.blobs.signedUrl(report.reportUrl),
      jsonUrl: this.blobs.signedUrl(report.jsonUrl),
      createdAt: report.createdAt.toISOString(),
    };
  }

  async latestForSet(tenantId: string, setId: string): Promise<RagReport | null> {
    return reports
      .query(this.dataSource.manager, tenantScope(tenantId), 'r')
      .andWhere('r.evaluationId = :setId', { setId })
      .orderBy('r.createdAt', 'DESC')
      .getOne();
  }

  private async scoredRows(
    manager: EntityManager,
    tenantId: string,
    ids: string[],
  ): Promise<Map<string, ReportRow & { judge: string }>> {
    if (ids.length === 0) return new Map();
    const scope = tenantScope(tenantId);
    const [found, scores] = await Promise.all([
      evaluations
        .query(manager, scope, 'e')
        .andWhere({ id: In(ids) })
        .getMany(),
      metrics
        .query(manager, scope, 'm')
        .andWhere({ evaluationId: In(ids) })
        .getMany(),
    ]);
    const byEvaluation = new Map(scores.map((metric) => [metric.evaluationId, metric]));
    return new Map(
      found.map((evaluation) => {
        const metric = byEvaluation.get(evaluation.id);
        const row: ReportRow & { judge: string } = {
          question: evaluation.query,
          answer: evaluation.answer,
          sources: (metric?.details.references ?? []).map((reference) => ({ ...reference, url: null })),
          expectedAnswer: null,
          scores: {
            faithfulness: metric?.faithfulness ?? null,
            relevance: metric?.relevance ?? null,
            coverage: metric?.coverage ?? null,
            hallucination: metric?.hallucination ?? null,
            contextPrecision: metric?.contextPrecision ?? null,
            contextRecall: metric?.contextRecall ?? null,
          },
          latencyMs: metric?.latencyMs ?? null,
          costUsd: metric?.costUsd ?? null,
          status: 'scored',
          error: null,
          judge: metric?.judge ?? '-',
        };
        return [evaluation.id, row];
      }),
    );
  }

  private async store(
    manager: EntityManager,
    subject: { tenantId: string; evaluationSetId: string | null; sessionId: string | null },
    title: string,
    judge: string,
    rows: ReportRow[],
  ): Promise<RagReport> {
    const id = randomUUID();
    const createdAt = new Date();
    const data: ReportData = {
      title,
      evaluationId: subject.evaluationSetId ?? subject.sessionId!,
      tenantId: subject.tenantId,
      judge,
      createdAt: createdAt.toISOString(),
      rows: rows.map(({ judge: _judge, ...row }: ReportRow & { judge?: string }) => row),
    };
    const prefix = `tenants/${subject.tenantId}/reports/${id}`;
    const [html, json] = await Promise.all([
      this.blobs.put(`${prefix}/report.html`, Buffer.from(renderReportHtml(data)), 'text/html; charset=utf-8'),
      this.blobs.put(`${prefix}/report.json`, Buffer.from(renderReportJson(data)), 'application/json'),
    ]);
    const report: RagReport = {
      id,
      tenantId: subject.tenantId,
      evaluationId: subject.evaluationSetId,
      reportUrl: html.url,
      createdAt,
      sessionId: subject.sessionId,
      jsonUrl: json.url,
    };
    await reports.insert(manager, tenantScope(subject.tenantId), report);
    await this.outbox.publish(
      manager,
      createEvent(RagReportCreated, {
        tenantId: subject.tenantId,
        actor: SERVICE_ACTOR,
        resourceId: id,
        data: { evaluationSetId: subject.evaluationSetId, sessionId: subject.sessionId, rows: rows.length },
      }),
    );
    return report;
  }
}

function failedRow(question: string, expectedAnswer: string | null, error: string): ReportRow {
  const none = { faithfulness: null, relevance: null, coverage: null, hallucination: null };
  return {
    question,
    answer: '',
    sources: [],
    expectedAnswer,
    scores: { ...none, contextPrecision: null, contextRecall: null },
    latencyMs: null,
    costUsd: null,
    status: 'failed',
    error,
  };
}
