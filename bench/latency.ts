import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { appPool, request } from '@rag/testing';

const POLL_GAP_MS = 5;

export interface LatencyResult {
  /** HTTP 201 received -> its tenant.created row seen in audit_logs, ms, one per tenant. */
  latencies: number[];
  /** POST /tenants round trips, ms. */
  http: number[];
  /** Round trips of the poller's query, ms: the measurement error is at most POLL_GAP_MS + one of these. */
  pollRtts: number[];
  missing: number;
}

/**
 * End-to-end latency identity -> outbox -> relay -> Kafka -> audit -> audit_logs.
 *
 * `count` sequential POST /tenants, paced at `perSecond` (one in flight at a time). Each 201
 * puts the new tenant id, with the time the 201 arrived, in `pending`. One poller loops on a
 * single connection: it asks audit_logs which pending ids have their tenant.created row
 * (`created_at >= start of the run` keeps it on the created_at index, off the ingest rows), then
 * pauses POLL_GAP_MS. An id's latency is (end of the query that first returned it) - (its 201).
 * The row was committed no earlier than the previous query's snapshot, so the figure is too
 * high by at most POLL_GAP_MS + one query round trip (reported: ~1-3 ms), never too low by more
 * than one round trip. All times are from one monotonic clock in this process.
 */
export async function measureLatency(
  identityUrl: string,
  count: number,
  perSecond: number,
  timeoutMs = 30_000,
): Promise<LatencyResult> {
  const pool = appPool('audit');
  // The ingest bench just wrote 200k rows that autovacuum has not analyzed yet: without fresh
  // statistics the planner seq-scans audit_logs (~20 ms a poll) instead of the created_at index.
  await pool.query('ANALYZE audit_logs');
  const since = new Date(Date.now() - 1000).toISOString().replace('Z', '');
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const http: number[] = [];
  const pollRtts: number[] = [];
  let sending = true;
  let lastSentAt = performance.now();

  const poller = (async () => {
    while (sending || (pending.size > 0 && performance.now() - lastSentAt < timeoutMs)) {
      if (pending.size === 0) {
        await sleep(1);
        continue;
      }
      const asked = performance.now();
      const { rows } = await pool.query<{ resource_id: string }>(
        `SELECT resource_id FROM audit_logs
          WHERE action = 'tenant.created' AND created_at >= $1::timestamp AND resource_id = ANY($2::uuid[])`,
        [since, [...pending.keys()]],
      );
      const answered = performance.now();
      pollRtts.push(answered - asked);
      for (const { resource_id: id } of rows) {
        const createdAt = pending.get(id);
        if (createdAt === undefined) continue;
        latencies.push(answered - createdAt);
        pending.delete(id);
      }
      await sleep(POLL_GAP_MS);
    }
  })();

  try {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const due = start + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      const created = await request<{ tenant: { id: string } }>(identityUrl, 'POST', '/tenants', {
        name: `bench-${randomUUID()}`,
      });
      const answered = performance.now();
      if (created.status !== 201)
        throw new Error(`POST /tenants answered ${created.status}: ${JSON.stringify(created.body)}`);
      http.push(answered - sent);
      pending.set(created.body.tenant.id, answered);
      lastSentAt = answered;
    }
  } finally {
    sending = false;
    await poller;
  }
  return { latencies, http, pollRtts, missing: pending.size };
}
