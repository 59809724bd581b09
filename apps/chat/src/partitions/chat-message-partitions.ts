import { ensureMonthlyPartitions, SqlRunner } from '@rag/database';

/** chat_messages partitions from this month to `monthsAhead`; TRUNCATE triggers are per partition. */
export function ensureChatMessagePartitions(
  runner: SqlRunner,
  monthsAhead: number,
  from = new Date(),
): Promise<string[]> {
  return ensureMonthlyPartitions(runner, 'chat_messages', {
    from,
    monthsAhead,
    onCreate: async (partition) => {
      await runner.query(
        `CREATE TRIGGER ${partition}_no_truncate BEFORE TRUNCATE ON ${partition}
           FOR EACH STATEMENT EXECUTE FUNCTION chat_messages_refuse_change()`,
      );
    },
  });
}
