import { finiteOrNull, MetricKey, ReportRow } from './report-data';

/** Every figure is null when there is no value to compute it from (count is then 0). */
export interface MetricSummary {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface CostSummary {
  count: number;
  total: number | null;
  mean: number | null;
}

export interface ReportSummary {
  rows: number;
  scored: number;
  failed: number;
  metrics: Record<MetricKey, MetricSummary>;
  latencyMs: LatencySummary;
  costUsd: CostSummary;
}

/**
 * Nearest-rank percentile (0 < p <= 100) of ascending `sorted`, null when empty. Nearest rank
 * always returns a value that occurred, which reads better in a report than an interpolation.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The finite values of one field over all rows, ascending. Missing values are left out, not zeroed. */
export function sortedValues(rows: readonly ReportRow[], pick: (row: ReportRow) => number | null): number[] {
  const values: number[] = [];
  for (const row of rows) {
    const value = finiteOrNull(pick(row));
    if (value !== null) values.push(value);
  }
  return values.sort((a, b) => a - b);
}

export function summarizeMetric(sorted: readonly number[]): MetricSummary {
  return {
    count: sorted.length,
    mean: mean(sorted),
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    min: sorted.length === 0 ? null : sorted[0],
    max: sorted.length === 0 ? null : sorted[sorted.length - 1],
  };
}

/**
 * Scores count whatever the row's status: a failed row normally has none, and a partly scored one
 * still says something about the answer.
 */
export function summarizeReport(rows: readonly ReportRow[]): ReportSummary {
  const metric = (key: MetricKey) => summarizeMetric(sortedValues(rows, (r) => r.scores[key]));
  const latencies = sortedValues(rows, (r) => r.latencyMs);
  const costs = sortedValues(rows, (r) => r.costUsd);
  const failed = rows.filter((row) => row.status === 'failed').length;
  const totalCost = costs.length === 0 ? null : costs.reduce((sum, cost) => sum + cost, 0);
  return {
    rows: rows.length,
    scored: rows.length - failed,
    failed,
    metrics: {
      faithfulness: metric('faithfulness'),
      relevance: metric('relevance'),
      coverage: metric('coverage'),
      hallucination: metric('hallucination'),
      contextPrecision: metric('contextPrecision'),
      contextRecall: metric('contextRecall'),
    },
    latencyMs: {
      count: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    },
    costUsd: { count: costs.length, total: totalCost, mean: mean(costs) },
  };
}
