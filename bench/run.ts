import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { AppProcess, closePools, startApp } from '@rag/testing';
import { Producer } from 'kafkajs';
import { startBenchInfra } from './bench-infra';
import { copyBaseline } from './copy-baseline';
import { benchProducer, tenantEvents, tenantIds } from './events';
import { benchChatTurn } from './chat-turn';
import { benchErasure } from './erasure';
import { benchEvaluation } from './evaluation';
import { benchGateway } from './gateway';
import { measureIngest } from './ingest';
import { benchIngestion } from './ingestion';
import { benchMixedLoad } from './mixed-load';
import { measureLatency } from './latency';
import { Figure, figure, percentile, printTable, writeResults } from './report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const TENANTS = 100;
const LATENCY_REQUESTS = 300;
const LATENCY_PER_SECOND = 20;
const PHASE_TIMEOUT_MS = 120_000;
/** BENCH_ONLY=ingestion (comma-separated: audit, latency, gateway, ingestion, chat, evaluation, erasure, load) runs only those parts. */
const SELECTED = new Set(
  (process.env.BENCH_ONLY ?? 'audit,latency,gateway,ingestion,chat,evaluation,erasure,load').split(','),
);

/**
 * `npm run bench`: audit ingest throughput (vs. a raw COPY baseline) and the end-to-end latency
 * of a tenant write reaching the audit trail. See bench/README.md.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const figures: Figure[] = [];
  const apps: AppProcess[] = [];
  let producer: Producer | undefined;
  const infra = await startBenchInfra();
  try {
    console.log(
      `\ninfrastructure ready in ${Math.round(performance.now() - started)} ms (kafka ${infra.brokers}, postgres ${new URL(infra.databaseUrl).host})`,
    );
    console.log(
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (others' work skews the figures)`,
    );
    if (SELECTED.has('audit')) producer = await benchAudit(figures, apps);
    if (SELECTED.has('latency')) await benchLatency(figures, apps);
    if (SELECTED.has('gateway')) {
      console.log('\n[4] gateway overhead: GET /v1/tenants/:id through the gateway vs GET /tenants/:id on identity');
      figures.push(...(await benchGateway()));
    }
    if (SELECTED.has('ingestion')) {
      console.log('\n[5] ingestion throughput (~21 MB corpus) and retrieval over ~100k chunks');
      figures.push(...(await benchIngestion()));
    }
    if (SELECTED.has('chat')) {
      console.log('\n[6] chat turn latency through the gateway, and its time per hop');
      figures.push(...(await benchChatTurn()));
    }
    if (SELECTED.has('evaluation')) {
      console.log('\n[7] evaluation: answers scored per second by the local judge; a 1,000-row report rendered');
      figures.push(...(await benchEvaluation()));
    }
    if (SELECTED.has('erasure')) {
      console.log('\n[8] GDPR erasure: a user with 10,000 messages, a tenant with ~100k chunks');
      figures.push(...(await benchErasure()));
    }
    if (SELECTED.has('load')) {
      console.log('\n[9] sustained mixed load through the gateway (auth, ingest, search, chat) against every app');
      figures.push(...(await benchMixedLoad()));
    }
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await producer?.disconnect();
    await closePools();
    await infra.stop();
  }

  printTable(figures);
  const pipeline = figures.find((f) => f.name.startsWith('audit ingest, pipeline'));
  if (pipeline) console.log(`\nratio = kafka-path events/s / COPY rows/s = ${pipeline.ratio?.toFixed(3)} (pipeline)`);
  await writeResults(figures);
  console.log(`bench finished in ${Math.round((performance.now() - started) / 1000)} s`);
}

async function benchAudit(figures: Figure[], apps: AppProcess[]): Promise<Producer> {
  const tenants = tenantIds(TENANTS);
  const first = tenantEvents(EVENTS, tenants);
  const second = tenantEvents(EVENTS, tenants);
  console.log(`generated 2 x ${EVENTS} tenant.updated events over ${TENANTS} tenants`);

  console.log('\n[1] COPY baseline');
  const copy = await copyBaseline(first);
  console.log(`  COPY of ${EVENTS} rows: ${Math.round(copy.ms)} ms`);

  console.log('\n[2] audit ingest');
  const audit = await startApp('audit');
  apps.push(audit);
  const producer = await benchProducer();
  const ingest = await measureIngest(audit, producer, first, second, tenants, PHASE_TIMEOUT_MS);
  figures.push(
    figure('audit ingest, pipeline (produce -> audit_logs)', ingest.pipelinePerSecond, 'events/s', copy.rowsPerSecond),
    figure(
      'audit ingest, consumer only (backlog, from live)',
      ingest.consumerPerSecond,
      'events/s',
      copy.rowsPerSecond,
    ),
    figure(
      'audit ingest, consumer only (backlog, from spawn)',
      ingest.consumerColdPerSecond,
      'events/s',
      copy.rowsPerSecond,
    ),
    figure('PostgreSQL COPY into audit_logs-shaped table', copy.rowsPerSecond, 'rows/s'),
    figure('kafka produce, audit stopped (1000/send, acks=all)', ingest.produceAlonePerSecond, 'events/s'),
    figure('kafka produce, audit consuming', ingest.producePerSecond, 'events/s'),
  );
  return producer;
}

async function benchLatency(figures: Figure[], apps: AppProcess[]): Promise<void> {
  console.log('\n[3] end-to-end latency: POST /tenants -> tenant.created row in audit_logs');
  const identity = await startApp('identity');
  apps.push(identity);
  const latency = await measureLatency(identity.url, LATENCY_REQUESTS, LATENCY_PER_SECOND);
  if (latency.missing > 0) console.warn(`  ${latency.missing} tenant.created row(s) never arrived`);
  const l = latency.latencies;
  figures.push(
    figure('e2e latency p50', percentile(l, 50), 'ms'),
    figure('e2e latency p95', percentile(l, 95), 'ms'),
    figure('e2e latency p99', percentile(l, 99), 'ms'),
    figure('e2e latency max', Math.max(...l), 'ms'),
    figure('POST /tenants round trip p50', percentile(latency.http, 50), 'ms'),
    figure('latency poller query round trip p50 (error bound: +5 ms gap)', percentile(latency.pollRtts, 50), 'ms'),
  );
  console.log(
    `  ${l.length} of ${LATENCY_REQUESTS} measured; poller query p99 ${percentile(latency.pollRtts, 99).toFixed(1)} ms`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
