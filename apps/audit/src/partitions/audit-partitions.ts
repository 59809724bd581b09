import { ensureMonthlyPartitions, SqlRunner } from '@rag/database';

/**
 * Creates audit_logs partitions from this month to `monthsAhead`. Statement-level TRUNCATE
 * triggers are not inherited, so each partition gets its own.
 */
export function ensureAuditPartitions(runner: SqlRunner, monthsAhead: number, from = new Date()): Promise<string[]> {
  return ensureMonthlyPartitions(runner, 'audit_logs', {
    from,
    monthsAhead,
    onCreate: async (partition) => {
      await runner.query(
        `CREATE TRIGGER ${partition}_no_truncate BEFORE TRUNCATE ON ${partition}
           FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change()`,
      );
    },
  });
}
