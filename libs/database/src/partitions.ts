export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid identifier "${name}"`);
  return name;
}

export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * 24 * 3600 * 1000);
}

export function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

/** e.g. audit_logs_p2026_11 */
export function monthlyPartitionName(table: string, month: Date): string {
  const start = monthStart(month);
  return `${identifier(table)}_p${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function defaultPartitionName(table: string): string {
  return `${identifier(table)}_default`;
}

/**
 * Creates the monthly range partitions of `table` covering [from's month, from + monthsAhead]
 * and its default partition, skipping those that exist. Returns the names it created.
 */
export async function ensureMonthlyPartitions(
  runner: SqlRunner,
  table: string,
  options: { from: Date; monthsAhead: number; onCreate?: (partition: string) => Promise<void> },
): Promise<string[]> {
  const created: string[] = [];
  const existing = new Set(
    (
      (await runner.query(
        `SELECT child.relname AS name FROM pg_inherits
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
         JOIN pg_class child ON child.oid = pg_inherits.inhrelid
        WHERE parent.relname = $1`,
        [identifier(table)],
      )) as { name: string }[]
    ).map((row) => row.name),
  );
  for (let offset = 0; offset <= options.monthsAhead; offset++) {
    const start = addMonths(options.from, offset);
    const name = monthlyPartitionName(table, start);
    if (existing.has(name)) continue;
    await runner.query(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${table}
         FOR VALUES FROM ('${isoDate(start)}') TO ('${isoDate(addMonths(start, 1))}')`,
    );
    await options.onCreate?.(name);
    created.push(name);
  }
  const defaultName = defaultPartitionName(table);
  if (!existing.has(defaultName)) {
    await runner.query(`CREATE TABLE IF NOT EXISTS ${defaultName} PARTITION OF ${table} DEFAULT`);
    await options.onCreate?.(defaultName);
    created.push(defaultName);
  }
  return created;
}

/** The month a `<table>_pYYYY_MM` partition holds, or undefined for any other name. */
export function partitionMonth(table: string, partition: string): Date | undefined {
  const match = new RegExp(`^${identifier(table)}_p(\\d{4})_(\\d{2})$`).exec(partition);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : undefined;
}

/**
 * Drops the monthly partitions of `table` whose whole range ends at or before `cutoff` (with
 * `onlyEmpty`, only those holding no row: retention emptied them). The default partition is
 * never dropped. Returns the names it dropped, oldest first.
 */
export async function dropMonthlyPartitionsBefore(
  runner: SqlRunner,
  table: string,
  cutoff: Date,
  options: { onlyEmpty?: boolean } = {},
): Promise<string[]> {
  const children = (await runner.query(
    `SELECT child.relname AS name FROM pg_inherits
       JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
       JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      WHERE parent.relname = $1`,
    [identifier(table)],
  )) as { name: string }[];
  const expired = children
    .map(({ name }) => ({ name, month: partitionMonth(table, name) }))
    .filter((child): child is { name: string; month: Date } => child.month !== undefined)
    .filter((child) => addMonths(child.month, 1).getTime() <= cutoff.getTime())
    .sort((a, b) => a.month.getTime() - b.month.getTime());
  const dropped: string[] = [];
  for (const { name } of expired) {
    if (options.onlyEmpty) {
      const [{ empty }] = (await runner.query(`SELECT NOT EXISTS (SELECT 1 FROM ${name}) AS empty`)) as {
        empty: boolean;
      }[];
      if (!empty) continue;
    }
    await runner.query(`DROP TABLE ${name}`);
    dropped.push(name);
  }
  return dropped;
}
