import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { appDatabaseUrl, ensureMonthlyPartitions } from '@rag/database';
import { appPool } from '@rag/testing';
import { Message } from 'kafkajs';

const TABLE = 'bench_copy_audit';
const COLUMNS = 'id, tenant_id, actor_id, action, resource_type, resource_id, ip_address, user_agent, created_at';

interface Envelope {
  id: string;
  type: string;
  tenantId: string | null;
  actor: { id: string | null; ip: string | null; userAgent: string | null };
  resource: { type: string; id: string };
  occurredAt: string;
}

/** The audit row an event becomes (as AuditLogWriter maps it), as one CSV line; empty = NULL. */
function csvLine(message: Message): string {
  const e = JSON.parse(String(message.value)) as Envelope;
  const text = (value: string | null) => (value === null ? '' : `"${value.replace(/"/g, '""')}"`);
  return [
    e.id,
    e.tenantId ?? '',
    e.actor.id ?? '',
    text(e.type),
    text(e.resource.type),
    e.resource.id,
    text(e.actor.ip),
    text(e.actor.userAgent),
    e.occurredAt,
  ].join(',');
}

function psqlCopy(databaseUrl: string, csv: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn(
      'psql',
      [
        databaseUrl,
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `COPY ${TABLE} (${COLUMNS}) FROM STDIN WITH (FORMAT csv)`,
      ],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    psql.once('error', reject);
    psql.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql COPY exited with ${code}: ${stderr}`)),
    );
    psql.stdin.end(csv);
  });
}

/**
 * Baseline for the ingest figures: the same events, as audit rows, loaded by one PostgreSQL
 * `COPY ... FROM STDIN` (psql fed CSV; pg-copy-streams is not installed) into a scratch table
 * shaped like audit_logs: same columns, primary key and indexes, range-partitioned by month on
 * created_at. Timed from psql's spawn (so its ~20 ms connect is included) to its exit: rows/s.
 */
export async function copyBaseline(messages: Message[]): Promise<{ rowsPerSecond: number; ms: number }> {
  const pool = appPool('audit');
  await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await pool.query(`CREATE TABLE ${TABLE} (LIKE audit_logs INCLUDING ALL) PARTITION BY RANGE (created_at)`);
  // ensureMonthlyPartitions wants TypeORM's query(): rows, not a pg result.
  await ensureMonthlyPartitions({ query: async (sql, parameters) => (await pool.query(sql, parameters)).rows }, TABLE, {
    from: new Date(),
    monthsAhead: 3,
  });
  const csv = `${messages.map(csvLine).join('\n')}\n`;
  const url = appDatabaseUrl(
    { DATABASE_URL: process.env.DATABASE_URL!, DB_NAME_PREFIX: process.env.DB_NAME_PREFIX!, DB_POOL_SIZE: 1 },
    'audit',
  );
  try {
    const started = performance.now();
    await psqlCopy(url, csv);
    const ms = performance.now() - started;
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE}`);
    if (rows[0].n !== messages.length) throw new Error(`COPY loaded ${rows[0].n} of ${messages.length} rows`);
    return { rowsPerSecond: (messages.length / ms) * 1000, ms };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
  }
}
