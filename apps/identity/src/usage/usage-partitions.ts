import { ensureMonthlyPartitions, SqlRunner } from '@rag/database';

/** Creates usage_metrics partitions from this month to `monthsAhead`, and the default one. */
export function ensureUsagePartitions(runner: SqlRunner, monthsAhead: number, from = new Date()): Promise<string[]> {
  return ensureMonthlyPartitions(runner, 'usage_metrics', { from, monthsAhead });
}
