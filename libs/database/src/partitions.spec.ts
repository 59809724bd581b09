import {
  addMonths,
  defaultPartitionName,
  ensureMonthlyPartitions,
  monthlyPartitionName,
  monthStart,
  SqlRunner,
} from './partitions';

/** Records every statement; answers the pg_inherits lookup with `existing`. */
class RecordingRunner implements SqlRunner {
  readonly queries: { sql: string; parameters?: unknown[] }[] = [];
  constructor(private readonly existing: string[] = []) {}

  async query(sql: string, parameters?: unknown[]): Promise<unknown> {
    this.queries.push({ sql: sql.replace(/\s+/g, ' ').trim(), parameters });
    return sql.includes('pg_inherits') ? this.existing.map((name) => ({ name })) : [];
  }

  get creates(): string[] {
    return this.queries.map((query) => query.sql).filter((sql) => sql.startsWith('CREATE'));
  }
}

describe('month arithmetic (UTC)', () => {
  it('finds the first instant of the UTC month', () => {
    expect(monthStart(new Date('2026-11-30T23:59:59.999Z')).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(monthStart(new Date('2026-12-01T00:00:00.000Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('adds months across year ends, backwards too, landing on the first of the month', () => {
    expect(addMonths(new Date('2026-11-15T10:00:00Z'), 1).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(addMonths(new Date('2026-11-15T10:00:00Z'), 2).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T23:00:00Z'), 1).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(addMonths(new Date('2026-01-10T00:00:00Z'), -1).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(addMonths(new Date('2026-03-10T00:00:00Z'), -27).toISOString()).toBe('2023-12-01T00:00:00.000Z');
    expect(addMonths(new Date('2026-03-10T00:00:00Z'), 0).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('partition names', () => {
  it('names monthly partitions by UTC year and zero-padded month', () => {
    expect(monthlyPartitionName('audit_logs', new Date('2026-11-18T12:00:00Z'))).toBe('audit_logs_p2026_11');
    expect(monthlyPartitionName('chat_messages', new Date('2027-01-01T00:00:00Z'))).toBe('chat_messages_p2027_01');
    expect(monthlyPartitionName('audit_logs', new Date('2026-09-30T23:30:00-02:00'))).toBe('audit_logs_p2026_10');
    expect(defaultPartitionName('usage_metrics')).toBe('usage_metrics_default');
  });

  it.each(['Audit_logs', 'audit-logs', 'audit_logs; DROP TABLE tenants', '1audit', '', 'public.audit_logs'])(
    'refuses the table name %j',
    (table) => {
      expect(() => monthlyPartitionName(table, new Date())).toThrow(`invalid identifier "${table}"`);
      expect(() => defaultPartitionName(table)).toThrow('invalid identifier');
    },
  );
});

describe('ensureMonthlyPartitions', () => {
  const from = new Date('2026-11-18T08:00:00Z');

  it('creates the current and following months and the default partition on an empty table', async () => {
    const runner = new RecordingRunner();
    const created = await ensureMonthlyPartitions(runner, 'audit_logs', { from, monthsAhead: 2 });
    expect(created).toEqual([
      'audit_logs_p2026_11',
      'audit_logs_p2026_12',
      'audit_logs_p2027_01',
      'audit_logs_default',
    ]);
    expect(runner.queries[0].parameters).toEqual(['audit_logs']);
    expect(runner.queries[0].sql).toContain('WHERE parent.relname = $1');
    expect(runner.creates).toEqual([
      "CREATE TABLE IF NOT EXISTS audit_logs_p2026_11 PARTITION OF audit_logs FOR VALUES FROM ('2026-11-01') TO ('2026-12-01')",
      "CREATE TABLE IF NOT EXISTS audit_logs_p2026_12 PARTITION OF audit_logs FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')",
      "CREATE TABLE IF NOT EXISTS audit_logs_p2027_01 PARTITION OF audit_logs FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')",
      'CREATE TABLE IF NOT EXISTS audit_logs_default PARTITION OF audit_logs DEFAULT',
    ]);
  });

  it('creates only the current month and the default with monthsAhead 0', async () => {
    const runner = new RecordingRunner();
    expect(await ensureMonthlyPartitions(runner, 'chat_messages', { from, monthsAhead: 0 })).toEqual([
      'chat_messages_p2026_11',
      'chat_messages_default',
    ]);
    expect(runner.queries).toHaveLength(3);
  });

  it('skips partitions that exist and issues no statement for them', async () => {
    const runner = new RecordingRunner(['audit_logs_p2026_11', 'audit_logs_default', 'audit_logs_p2026_01']);
    const created = await ensureMonthlyPartitions(runner, 'audit_logs', { from, monthsAhead: 1 });
    expect(created).toEqual(['audit_logs_p2026_12']);
    expect(runner.creates).toEqual([
      "CREATE TABLE IF NOT EXISTS audit_logs_p2026_12 PARTITION OF audit_logs FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')",
    ]);
  });

  it('does nothing but look when every partition exists', async () => {
    const runner = new RecordingRunner(['audit_logs_p2026_11', 'audit_logs_p2026_12', 'audit_logs_default']);
    expect(await ensureMonthlyPartitions(runner, 'audit_logs', { from, monthsAhead: 1 })).toEqual([]);
    expect(runner.queries).toHaveLength(1);
  });

  it('calls onCreate after each partition is created, in order', async () => {
    const runner = new RecordingRunner(['audit_logs_p2026_12']);
    const seen: { partition: string; statements: number }[] = [];
    await ensureMonthlyPartitions(runner, 'audit_logs', {
      from,
      monthsAhead: 2,
      onCreate: async (partition) => {
        seen.push({ partition, statements: runner.queries.length });
        await runner.query(`GRANT SELECT ON ${partition} TO auditor`);
      },
    });
    expect(seen).toEqual([
      { partition: 'audit_logs_p2026_11', statements: 2 },
      { partition: 'audit_logs_p2027_01', statements: 4 },
      { partition: 'audit_logs_default', statements: 6 },
    ]);
  });

  it('stops at the first failing statement and reports it', async () => {
    const runner = new RecordingRunner();
    const failing: SqlRunner = {
      query: async (sql, parameters) => {
        if (sql.includes('_p2026_12')) throw new Error('permission denied');
        return runner.query(sql, parameters);
      },
    };
    await expect(ensureMonthlyPartitions(failing, 'audit_logs', { from, monthsAhead: 3 })).rejects.toThrow(
      'permission denied',
    );
    expect(runner.creates).toHaveLength(1);
  });

  it('refuses an unsafe table name before issuing any SQL', async () => {
    const runner = new RecordingRunner();
    await expect(ensureMonthlyPartitions(runner, 'audit_logs;--', { from, monthsAhead: 1 })).rejects.toThrow(
      'invalid identifier',
    );
    expect(runner.queries).toHaveLength(0);
  });
});
