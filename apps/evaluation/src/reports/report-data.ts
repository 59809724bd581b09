/** What a report is rendered from: one evaluation set, one row per question. */
export interface ReportSource {
  citation: number | null;
  chunkId: string;
  objectId: string;
  url: string | null;
  score: number | null;
}

export interface ReportScores {
  faithfulness: number | null;
  relevance: number | null;
  coverage: number | null;
  hallucination: number | null;
  contextPrecision: number | null;
  contextRecall: number | null;
}

export interface ReportRow {
  question: string;
  answer: string;
  sources: ReportSource[];
  expectedAnswer: string | null;
  scores: ReportScores;
  latencyMs: number | null;
  costUsd: number | null;
  status: 'scored' | 'failed';
  error: string | null;
}

export interface ReportData {
  title: string;
  evaluationId: string;
  tenantId: string;
  judge: string;
  createdAt: string;
  rows: ReportRow[];
}

export type MetricKey = keyof ReportScores;

export interface MetricInfo {
  key: MetricKey;
  label: string;
  /** Hallucination is the one score where lower is better. */
  higherIsBetter: boolean;
  /** Context metrics need an expected answer or labelled chunks: shown only when some row has them. */
  optional: boolean;
}

/** Every metric in display order; the JSON twin and the table use the same order. */
export const METRICS: readonly MetricInfo[] = [
  { key: 'faithfulness', label: 'Faithfulness', higherIsBetter: true, optional: false },
  { key: 'relevance', label: 'Relevance', higherIsBetter: true, optional: false },
  { key: 'coverage', label: 'Coverage', higherIsBetter: true, optional: false },
  { key: 'hallucination', label: 'Hallucination', higherIsBetter: false, optional: false },
  { key: 'contextPrecision', label: 'Context precision', higherIsBetter: true, optional: true },
  { key: 'contextRecall', label: 'Context recall', higherIsBetter: true, optional: true },
];

/** A finite number, or null: NaN and Infinity from a judge count as missing, never as a value. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The metrics a report shows: the four core ones, plus context metrics some row has a value for. */
export function shownMetrics(rows: readonly ReportRow[]): MetricInfo[] {
  return METRICS.filter((m) => !m.optional || rows.some((row) => finiteOrNull(row.scores[m.key]) !== null));
}
