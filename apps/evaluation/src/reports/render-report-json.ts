import { finiteOrNull, ReportData, ReportRow, ReportScores } from './report-data';
import { MetricSummary, ReportSummary, summarizeReport } from './report-summary';

/** The JSON twin of the HTML report, for machines: same rows, same summary. */
export interface ReportJson {
  evaluationId: string;
  tenantId: string;
  title: string;
  judge: string;
  createdAt: string;
  summary: ReportSummary;
  rows: ReportRow[];
}

/** Four decimals; NaN and Infinity become null (JSON has no such numbers), -0 becomes 0. */
export function round4(value: number | null): number | null {
  const finite = finiteOrNull(value);
  if (finite === null) return null;
  return Math.round(finite * 10_000) / 10_000 || 0;
}

function metric(stats: MetricSummary): MetricSummary {
  return {
    count: stats.count,
    mean: round4(stats.mean),
    p50: round4(stats.p50),
    p90: round4(stats.p90),
    min: round4(stats.min),
    max: round4(stats.max),
  };
}

function scores(s: ReportScores): ReportScores {
  return {
    faithfulness: round4(s.faithfulness),
    relevance: round4(s.relevance),
    coverage: round4(s.coverage),
    hallucination: round4(s.hallucination),
    contextPrecision: round4(s.contextPrecision),
    contextRecall: round4(s.contextRecall),
  };
}

/**
 * Every object is rebuilt field by field, so the key order is fixed whatever order the input had
 * (diffs between two reports stay readable) and fields outside the types never leak out.
 */
export function reportJson(data: ReportData): ReportJson {
  const summary = summarizeReport(data.rows);
  const m = summary.metrics;
  return {
    evaluationId: data.evaluationId,
    tenantId: data.tenantId,
    title: data.title,
    judge: data.judge,
    createdAt: data.createdAt,
    summary: {
      rows: summary.rows,
      scored: summary.scored,
      failed: summary.failed,
      metrics: {
        faithfulness: metric(m.faithfulness),
        relevance: metric(m.relevance),
        coverage: metric(m.coverage),
        hallucination: metric(m.hallucination),
        contextPrecision: metric(m.contextPrecision),
        contextRecall: metric(m.contextRecall),
      },
      latencyMs: {
        count: summary.latencyMs.count,
        p50: round4(summary.latencyMs.p50),
        p95: round4(summary.latencyMs.p95),
        p99: round4(summary.latencyMs.p99),
      },
      costUsd: {
        count: summary.costUsd.count,
        total: round4(summary.costUsd.total),
        mean: round4(summary.costUsd.mean),
      },
    },
    rows: data.rows.map((row) => ({
      question: row.question,
      answer: row.answer,
      sources: row.sources.map((source) => ({
        citation: source.citation,
        chunkId: source.chunkId,
        objectId: source.objectId,
        url: source.url,
        score: round4(source.score),
      })),
      expectedAnswer: row.expectedAnswer,
      scores: scores(row.scores),
      latencyMs: round4(row.latencyMs),
      costUsd: round4(row.costUsd),
      status: row.status,
      error: row.error,
    })),
  };
}

export function renderReportJson(data: ReportData): string {
  return `${JSON.stringify(reportJson(data), null, 2)}\n`;
}
