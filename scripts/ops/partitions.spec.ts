import { addMonths, monthlyPartitionName, monthStart } from '@rag/database';
import { appPool, closePools } from '@rag/testing';
import { monthLabel } from './partition-coverage';
import { reportOf, runOps } from './testing/run-ops';
import { migrateScratchDatabases } from './testing/scratch-databases';

interface PartitionsReport {
  tables: {
    app: string;
    table: string;
    monthsAhead: number | null;
    monthsAheadVariable: string | null;
    missingMonths: string[];
    defaultPartition: string | null;
    defaultRows: number | null;
    partitions: { name: string; isDefault: boolean; from: string | null; to: string | null }[];
  }[];
  problems: string[];
}

const thisMonth = monthStart(new Date());
const months = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => addMonths(thisMonth, from + index));
const SCRATCH = 'ops_spec_readings';

/** DB_NAME_PREFIX of databases migrated for this spec alone: nothing else writes to their partitions. */
let prefix: string;

describe('npm run ops -- partitions (real PostgreSQL)', () => {
  beforeAll(async () => {
    prefix = await migrateScratchDatabases('ops_partitions');
  });

  afterAll(async () => {
    await appPool('audit', prefix).query(`DROP TABLE IF EXISTS ${SCRATCH}`);
    await closePools();
  });

  it('lists the partitions of every partitioned table the migrations created, months ahead all present', async () => {
    const run = await runOps(['partitions', '--json'], { DB_NAME_PREFIX: prefix });

    expect(run.code).toBe(0);
    const report = reportOf<PartitionsReport>(run);
    expect(report.tables.map((table) => `${table.app}.${table.table}`)).toEqual([
      'identity.usage_metrics',
      'chat.chat_messages',
      'audit.audit_logs',
    ]);
    for (const table of report.tables) {
      expect(table).toEqual(expect.objectContaining({ monthsAhead: 3, missingMonths: [], defaultRows: 0 }));
      expect(table.defaultPartition).toBe(`${table.table}_default`);
      const names = table.partitions.map((partition) => partition.name);
      for (const month of months(0, 3)) expect(names).toContain(monthlyPartitionName(table.table, month));
      const current = table.partitions.find((p) => p.name === monthlyPartitionName(table.table, thisMonth))!;
      expect(current).toEqual(
        expect.objectContaining({ from: thisMonth.toISOString(), to: addMonths(thisMonth, 1).toISOString() }),
      );
    }
    expect(report.problems).toEqual([]);
  });

  it('exits 1 for months missing ahead (found in any table, per its setting) and rows in a default partition', async () => {
    // A scratch table of the audit database, dropped afterwards: found like any other, not listed anywhere.
    const audit = appPool('audit', prefix);
    await audit.query(`CREATE TABLE ${SCRATCH} (taken_at TIMESTAMP NOT NULL) PARTITION BY RANGE (taken_at)`);
    await audit.query(
      `CREATE TABLE ${SCRATCH}_now PARTITION OF ${SCRATCH} FOR VALUES FROM ($$${thisMonth.toISOString()}$$) TO ($$${addMonths(thisMonth, 1).toISOString()}$$)`,
    );
    await audit.query(`CREATE TABLE ${SCRATCH}_default PARTITION OF ${SCRATCH} DEFAULT`);
    await audit.query(`INSERT INTO ${SCRATCH} VALUES ('2099-01-01')`);

    const run = await runOps(['partitions', '--json'], { DB_NAME_PREFIX: prefix, AUDIT_PARTITION_MONTHS_AHEAD: '5' });

    expect(run.code).toBe(1);
    const report = reportOf<PartitionsReport>(run);
    const scratch = report.tables.find((table) => table.table === SCRATCH)!;
    expect(scratch).toEqual(
      expect.objectContaining({
        app: 'audit',
        monthsAhead: 3,
        monthsAheadVariable: null,
        missingMonths: months(1, 3).map(monthLabel),
        defaultPartition: `${SCRATCH}_default`,
        defaultRows: 1,
      }),
    );
    const auditLogs = report.tables.find((table) => table.table === 'audit_logs')!;
    expect(auditLogs.missingMonths).toEqual(months(4, 5).map(monthLabel));
    expect(report.problems).toEqual([
      `audit.audit_logs: no partition for ${months(4, 5).map(monthLabel).join(', ')}; 5 months ahead expected (AUDIT_PARTITION_MONTHS_AHEAD)`,
      `audit.${SCRATCH}: no partition for ${months(1, 3).map(monthLabel).join(', ')}; 3 months ahead expected`,
      `audit.${SCRATCH}: 1 row(s) in the default partition ${SCRATCH}_default`,
    ]);
  });
});
