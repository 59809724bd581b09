import { DataSource } from 'typeorm';
import { readEveryAppDatabase } from './app-databases';
import { renderTable } from './format';
import { OpsCommand, Report } from './ops-command';
import { OpsEnv, partitionMonthsAhead } from './ops.env';
import { missingMonths, parsePartitionBound, TimeRange } from './partition-coverage';

interface PartitionRow {
  table: string;
  partitionKey: string;
  partition: string | null;
  bound: string | null;
  approxRows: string | null;
}

/** Every partitioned table of the database's schema (found, not listed) with its partitions. */
const PARTITIONS_SQL = `
  SELECT parent.relname AS "table", pg_get_partkeydef(parent.oid) AS "partitionKey",
         child.relname AS partition, pg_get_expr(child.relpartbound, child.oid) AS bound,
         child.reltuples::bigint::text AS "approxRows"
    FROM pg_partitioned_table pt
    JOIN pg_class parent ON parent.oid = pt.partrelid AND NOT parent.relispartition
    LEFT JOIN pg_inherits inheritance ON inheritance.inhparent = parent.oid
    LEFT JOIN pg_class child ON child.oid = inheritance.inhrelid
   WHERE parent.relnamespace = current_schema()::regnamespace
   ORDER BY parent.relname, child.relname`;

interface Partition {
  name: string;
  isDefault: boolean;
  /** As PostgreSQL prints it: FOR VALUES FROM (...) TO (...), DEFAULT, IN (...). */
  bound: string;
  from: string | null;
  to: string | null;
  /** reltuples: unknown (null) until the partition is first vacuumed or analyzed. */
  approxRows: number | null;
}

function partitionOf(row: PartitionRow): { partition: Partition; range?: TimeRange } {
  const bound = parsePartitionBound(row.bound ?? '');
  const range = typeof bound === 'object' ? bound : undefined;
  const partition = {
    name: row.partition!,
    isDefault: bound === 'default',
    bound: row.bound ?? '',
    from: range?.from?.toISOString() ?? null,
    to: range?.to?.toISOString() ?? null,
    approxRows: row.approxRows === null || Number(row.approxRows) < 0 ? null : Number(row.approxRows),
  };
  return { partition, range };
}

/** Exact, unlike reltuples: any row here is a finding. */
async function countRows(dataSource: DataSource, partition: string): Promise<number> {
  const quoted = `"${partition.replace(/"/g, '""')}"`;
  const [{ rows }] = (await dataSource.query(`SELECT count(*)::text AS rows FROM ${quoted}`)) as { rows: string }[];
  return Number(rows);
}

async function describeTable(dataSource: DataSource, env: OpsEnv, now: Date, table: string, rows: PartitionRow[]) {
  const children = rows.filter((row) => row.partition !== null).map(partitionOf);
  const partitions = children.map((child) => child.partition);
  const ranges = children.flatMap((child) => (child.range ? [child.range] : []));
  // Checked by month only when every partition but the default is a range of one time column.
  const byTime = ranges.length > 0 && ranges.length === partitions.filter((p) => !p.isDefault).length;
  const required = partitionMonthsAhead(env, table);
  const defaultPartition = partitions.find((p) => p.isDefault)?.name ?? null;
  return {
    table,
    partitionKey: rows[0].partitionKey,
    monthsAhead: byTime ? required.months : null,
    monthsAheadVariable: byTime ? (required.variable ?? null) : null,
    missingMonths: byTime ? missingMonths(ranges, now, required.months) : [],
    defaultPartition,
    defaultRows: defaultPartition ? await countRows(dataSource, defaultPartition) : null,
    partitions,
  };
}

async function readTables(dataSource: DataSource, env: OpsEnv, now: Date) {
  const rows = (await dataSource.query(PARTITIONS_SQL)) as PartitionRow[];
  const tables = [...new Set(rows.map((row) => row.table))];
  const ofTable = (table: string) => rows.filter((row) => row.table === table);
  return Promise.all(tables.map((table) => describeTable(dataSource, env, now, table, ofTable(table))));
}

type TableView = Awaited<ReturnType<typeof describeTable>> & { app: string };

function problemsOf(table: TableView): string[] {
  const name = `${table.app}.${table.table}`;
  const problems: string[] = [];
  if (table.missingMonths.length > 0) {
    const setting = table.monthsAheadVariable ? ` (${table.monthsAheadVariable})` : '';
    problems.push(
      `${name}: no partition for ${table.missingMonths.join(', ')}; ${table.monthsAhead} months ahead expected${setting}`,
    );
  }
  if (table.defaultRows) {
    problems.push(`${name}: ${table.defaultRows} row(s) in the default partition ${table.defaultPartition}`);
  }
  if (table.monthsAhead !== null && !table.defaultPartition) {
    problems.push(`${name}: no default partition; rows past the last partition would be refused`);
  }
  return problems;
}

/** 2026-11-01 for a month's boundary, the full instant otherwise. */
const day = (iso: string) => (iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso);

function describe(table: TableView): string {
  const ahead =
    table.monthsAhead === null
      ? 'not partitioned by time: months not checked'
      : `${table.monthsAhead} months ahead expected, ${table.missingMonths.length ? `MISSING ${table.missingMonths.join(', ')}` : 'all present'}`;
  const partitions = renderTable(
    ['PARTITION', 'FROM', 'TO', '~ROWS'],
    table.partitions.map((p) => [
      p.name,
      p.isDefault ? 'DEFAULT' : p.from ? day(p.from) : p.bound,
      p.to && day(p.to),
      p.isDefault ? (table.defaultRows ?? null) : p.approxRows,
    ]),
  );
  return `${table.app}.${table.table} PARTITION BY ${table.partitionKey}: ${ahead}\n${partitions}`;
}

async function run(_: Record<string, never>, env: OpsEnv): Promise<Report> {
  const now = new Date();
  const readings = await readEveryAppDatabase(env, (dataSource) => readTables(dataSource, env, now));
  const problems: string[] = [];
  const tables: TableView[] = [];
  for (const reading of readings) {
    if (!reading.ok) problems.push(`${reading.app}: database unreachable: ${reading.error}`);
    else tables.push(...reading.value.map((table) => ({ app: reading.app, ...table })));
  }
  problems.push(...tables.flatMap(problemsOf));
  return {
    json: { checkedAt: now.toISOString(), tables },
    text: tables.length ? tables.map(describe).join('\n\n') : 'No partitioned table found.',
    problems,
  };
}

export const partitionsCommand: OpsCommand<Record<string, never>> = {
  options: {},
  maxPositionals: 0,
  parse: () => ({}),
  run,
};
