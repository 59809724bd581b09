import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOPICS } from '@rag/contracts';
import { appPool, AppProcess } from '@rag/testing';
import { Message, Producer } from 'kafkajs';
import { produceAll, tenantEvents } from './events';

const COUNT_EVERY_MS = 100;

export async function auditRows(): Promise<number> {
  const { rows } = await appPool('audit').query<{ n: number }>('SELECT count(*)::int AS n FROM audit_logs');
  return rows[0].n;
}

/**
 * Counts audit_logs every 100 ms until it holds `target` rows; `at` is when that count came
 * back (so the finish line is late by at most 100 ms plus one count). Gives up at `timeoutMs`.
 */
export async function waitForRows(target: number, timeoutMs: number): Promise<{ at: number; rows: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const rows = await auditRows();
    const at = performance.now();
    if (rows >= target || at > deadline) {
      if (rows < target) console.warn(`  gave up after ${timeoutMs} ms: ${rows} of ${target} rows`);
      return { at, rows };
    }
    await sleep(COUNT_EVERY_MS);
  }
}

export interface IngestResult {
  /** First produce to the last row in audit_logs, audit already running and subscribed. */
  pipelinePerSecond: number;
  /** Producer rate during the pipeline run (competing with the consumer for the CPU). */
  producePerSecond: number;
  /** Producer rate with the audit app stopped. */
  produceAlonePerSecond: number;
  /** Backlog drained by a freshly started audit app, from /health/live to the last row. */
  consumerPerSecond: number;
  /** The same backlog, from spawning the audit process to the last row. */
  consumerColdPerSecond: number;
  /** Rows already written when /health/live answered (excluded from consumerPerSecond). */
  rowsBeforeLive: number;
}

/**
 * Two measurements of the Kafka -> audit app -> audit_logs path with `first` and `second`
 * (each N events): (1) audit running and warmed up, produce N as fast as possible, time until
 * the N-th row; (2) audit stopped, produce N, start audit, time until the N-th row.
 */
export async function measureIngest(
  audit: AppProcess,
  producer: Producer,
  first: Message[],
  second: Message[],
  tenants: string[],
  timeoutMs: number,
): Promise<IngestResult> {
  const topic = TOPICS.identity;
  // Warm-up: the audit app is live, subscribed and has written one row before the clock starts.
  await produceAll(producer, topic, tenantEvents(1, tenants));
  const warm = await waitForRows(1, 60_000);
  if (warm.rows < 1) throw new Error('the warm-up event never reached audit_logs');
  const base = await auditRows();

  console.log(`  pipeline: producing ${first.length} events to ${topic} with audit running...`);
  const started = performance.now();
  const produced = produceAll(producer, topic, first).then(() => performance.now());
  const done = await waitForRows(base + first.length, timeoutMs);
  const producedAt = await produced;
  const pipelinePerSecond = ((done.rows - base) / (done.at - started)) * 1000;
  const producePerSecond = (first.length / (producedAt - started)) * 1000;
  console.log(
    `  pipeline: ${done.rows - base} rows in ${Math.round(done.at - started)} ms (all produced after ${Math.round(producedAt - started)} ms)`,
  );

  await audit.stop();
  const base2 = await auditRows();
  const produceStarted = performance.now();
  await produceAll(producer, topic, second);
  const produceAlonePerSecond = (second.length / (performance.now() - produceStarted)) * 1000;
  console.log(`  consumer-only: produced ${second.length} events with audit stopped; starting audit...`);

  const spawned = performance.now();
  await audit.restart();
  const live = performance.now();
  const rowsBeforeLive = (await auditRows()) - base2;
  const drained = await waitForRows(base2 + second.length, timeoutMs);
  const consumerPerSecond = ((drained.rows - base2 - rowsBeforeLive) / (drained.at - live)) * 1000;
  const consumerColdPerSecond = ((drained.rows - base2) / (drained.at - spawned)) * 1000;
  console.log(
    `  consumer-only: live after ${Math.round(live - spawned)} ms (${rowsBeforeLive} rows already in), ` +
      `${drained.rows - base2} rows after ${Math.round(drained.at - spawned)} ms from spawn`,
  );
  return {
    pipelinePerSecond,
    producePerSecond,
    produceAlonePerSecond,
    consumerPerSecond,
    consumerColdPerSecond,
    rowsBeforeLive,
  };
}
