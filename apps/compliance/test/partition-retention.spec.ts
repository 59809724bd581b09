import { randomUUID } from 'node:crypto';
import { addMonths, ensureMonthlyPartitions, monthlyPartitionName, monthStart, SqlRunner } from '@rag/database';
import { appPool, closePools, expectEventually, startApp } from '@rag/testing';

/** The partitions of `table` in `app`'s database. */
async function partitionsOf(app: string, table: string): Promise<string[]> {
  const { rows } = await appPool(app).query<{ name: string }>(
    `SELECT child.relname AS name FROM pg_inherits
       JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
       JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      WHERE parent.relname = $1 ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.name);
}

/** A SqlRunner (rows, as TypeORM answers) over a test pool. */
const runner = (app: string): SqlRunner => ({
  query: async (sql, parameters) => (await appPool(app).query(sql, parameters)).rows,
});

const now = new Date();
const monthsAgo = (months: number) => addMonths(now, -months);
const ahead = (table: string, months: number) =>
  Array.from({ length: months + 1 }, (_, i) => monthlyPartitionName(table, addMonths(now, i)));

describe('partition upkeep: months ahead exist, months past retention are dropped', () => {
  afterAll(() => closePools());

  it('drops audit_logs months older than AUDIT_RETENTION_DAYS (rows and all), keeps the rest write-only', async () => {
    const pool = appPool('audit');
    await ensureMonthlyPartitions(runner('audit'), 'audit_logs', { from: monthsAgo(16), monthsAhead: 3 });
    const old = monthlyPartitionName('audit_logs', monthsAgo(16));
    const kept = monthlyPartitionName('audit_logs', monthsAgo(13));
    for (const [action, at] of [
      ['test.old', monthsAgo(16)],
      ['test.kept', monthsAgo(13)],
    ] as const) {
      await pool.query(`INSERT INTO audit_logs (id, action, resource_type, created_at) VALUES ($1, $2, 'test', $3)`, [
        randomUUID(),
        action,
        at,
      ]);
    }
    const audit = await startApp('audit', { AUDIT_RETENTION_DAYS: '400' });
    try {
      await expectEventually(async () => expect(await partitionsOf('audit', 'audit_logs')).not.toContain(old));
      const partitions = await partitionsOf('audit', 'audit_logs');
      expect(partitions).toEqual(expect.arrayContaining([kept, ...ahead('audit_logs', 3), 'audit_logs_default']));
      const { rows } = await pool.query(`SELECT action FROM audit_logs WHERE action LIKE 'test.%'`);
      expect(rows).toEqual([{ action: 'test.kept' }]);
      await expect(pool.query(`DELETE FROM audit_logs WHERE action = 'test.kept'`)).rejects.toThrow(
        /refused|write-only/,
      );
    } finally {
      await audit.stop();
    }
  });

  it("drops a past chat_messages month only once the tenants' retention emptied it", async () => {
    const pool = appPool('chat');
    const [empty, full] = [monthsAgo(14), monthsAgo(13)];
    await ensureMonthlyPartitions(runner('chat'), 'chat_messages', { from: empty, monthsAhead: 1 });
    await pool.query(
      `INSERT INTO chat_messages (id, tenant_id, session_id, role, content, created_at) VALUES ($1, $2, $3, 'user', 'old', $4)`,
      [randomUUID(), randomUUID(), randomUUID(), full],
    );
    const chat = await startApp('chat');
    try {
      await expectEventually(async () =>
        expect(await partitionsOf('chat', 'chat_messages')).not.toContain(monthlyPartitionName('chat_messages', empty)),
      );
      const partitions = await partitionsOf('chat', 'chat_messages');
      expect(partitions).toContain(monthlyPartitionName('chat_messages', full));
      expect(partitions).toEqual(expect.arrayContaining(ahead('chat_messages', 3)));
      expect(partitions).toContain(monthlyPartitionName('chat_messages', monthStart(now)));
    } finally {
      await chat.stop();
    }
  });

  it('drops usage_metrics months older than USAGE_RETENTION_DAYS and keeps months ahead', async () => {
    await ensureMonthlyPartitions(runner('identity'), 'usage_metrics', { from: monthsAgo(30), monthsAhead: 1 });
    const identity = await startApp('identity', { USAGE_RETENTION_DAYS: '730' });
    try {
      await expectEventually(async () => {
        const partitions = await partitionsOf('identity', 'usage_metrics');
        expect(partitions).not.toContain(monthlyPartitionName('usage_metrics', monthsAgo(30)));
        expect(partitions).not.toContain(monthlyPartitionName('usage_metrics', monthsAgo(29)));
        expect(partitions).toEqual(expect.arrayContaining(ahead('usage_metrics', 3)));
      });
    } finally {
      await identity.stop();
    }
  });
});
