import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FeatureHashingEmbedder } from '@rag/embedding';
import { AppProcess, appPool, startApp } from '@rag/testing';
import { recallAtK } from '../apps/ingestion/src/vector-index/recall-at-k';
import { VectorIndex } from '../apps/ingestion/src/vector-index/vector-index';
import { Figure, figure, percentile } from './report';

const CORPUS_MB = Number(process.env.BENCH_INGEST_MB ?? 21);
const DOCUMENTS = 42;
/** 200-character chunks make the ~21 MB corpus about 100k chunks: the retrieval half's index size. */
const CHUNKING = { chunkSize: 200, chunkOverlap: 0 };
const QUERIES = 200;
const RECALL_QUERIES = 100;
const TIMEOUT_MS = 30 * 60_000;
const STORES = join(__dirname, '..', '.data', 'bench-stores');

const WORDS = (
  'warehouse shipment carrier invoice refund parcel battery warranty courier pallet customs ' +
  'inspector delivery route depot ticket supplier contract audit ledger voucher manifest ' +
  'freight container harbour clearance tariff lorry driver schedule backlog forecast budget'
).split(' ');

/** Deterministic, varied prose: document `doc`, sentence `n`. */
function sentence(doc: number, n: number): string {
  const pick = (salt: number) => WORDS[(doc * 7919 + n * 104729 + salt * 31) % WORDS.length];
  return `Record ${doc}-${n}: the ${pick(1)} for ${pick(2)} ${n % 977} awaits the ${pick(3)} near ${pick(4)} ${doc}.`;
}

export function document(doc: number, bytes: number): Buffer {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const text = n % 4 === 3 ? `${sentence(doc, n)}\n\n` : `${sentence(doc, n)} `;
    parts.push(text);
    size += text.length;
  }
  return Buffer.from(parts.join(''));
}

/** A JSON POST to an app's internal API, as the tenant (or as the system with `all`). */
export async function post(url: string, tenantId: string | 'all', body: unknown): Promise<unknown> {
  const scope: Record<string, string> = tenantId === 'all' ? { 'x-tenant-scope': 'all' } : { 'x-tenant-id': tenantId };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...scope },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export async function uploadDocument(
  ingestion: string,
  tenantId: string,
  sourceId: string,
  body: Buffer,
  name: string,
) {
  const form = new FormData();
  form.append('dataSourceId', sourceId);
  form.append('file', new Blob([body], { type: 'text/plain' }), name);
  const response = await fetch(`${ingestion}/objects`, {
    method: 'POST',
    headers: { 'x-tenant-id': tenantId },
    body: form,
  });
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
}

export async function waitUntilIngested(tenantId: string, count: number): Promise<{ chunks: number }> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const { rows } = await appPool('ingestion').query<{ done: number; failed: number; chunks: number }>(
      `SELECT count(*) FILTER (WHERE ingestion_status IN ('indexed','failed'))::int AS done,
              count(*) FILTER (WHERE ingestion_status = 'failed')::int AS failed,
              COALESCE(sum((metadata->>'chunkCount')::int), 0)::int AS chunks
         FROM ingested_objects WHERE tenant_id = $1`,
      [tenantId],
    );
    if (rows[0].failed > 0) throw new Error(`${rows[0].failed} object(s) failed`);
    if (rows[0].done === count) return { chunks: rows[0].chunks };
    if (Date.now() > deadline) throw new Error(`ingestion not done after ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Ingestion end to end (upload -> indexed, MB/s and chunks/s) over a ~21 MB text corpus cut
 * into ~100k chunks, then retrieval over that index: hybrid `POST /search` top-10 latency, and
 * recall@10 of the ANN (HNSW) vector search against exact search, in the same run.
 */
export async function benchIngestion(): Promise<Figure[]> {
  await rm(STORES, { recursive: true, force: true });
  const stores = { BLOB_DIR: join(STORES, 'blobs'), VECTOR_STORE_URI: join(STORES, 'vectors') };
  const apps: AppProcess[] = [];
  try {
    const identity = await startApp('identity');
    apps.push(identity);
    const ingestion = await startApp('ingestion', {
      ...stores,
      IDENTITY_URL: identity.url,
      MAX_OBJECT_BYTES: String(8 * 1024 * 1024),
    });
    apps.push(ingestion);
    const tenant = (await post(`${identity.url}/tenants`, 'all', { name: `bench-ingest-${Date.now()}` })) as {
      tenant: { id: string };
    };
    const tenantId = tenant.tenant.id;
    const source = (await post(`${ingestion.url}/data-sources`, tenantId, {
      name: 'bench corpus',
      type: 'text',
      chunking: CHUNKING,
    })) as { id: string };

    const perDocument = Math.round((CORPUS_MB * 1024 * 1024) / DOCUMENTS);
    const documents = Array.from({ length: DOCUMENTS }, (_, doc) => document(doc, perDocument));
    const totalBytes = documents.reduce((sum, body) => sum + body.length, 0);
    console.log(
      `  ${DOCUMENTS} documents, ${(totalBytes / 1024 / 1024).toFixed(1)} MB, chunks of ${CHUNKING.chunkSize}`,
    );

    const started = performance.now();
    for (const [doc, body] of documents.entries()) {
      await uploadDocument(ingestion.url, tenantId, source.id, body, `doc-${doc}.txt`);
    }
    const uploadedMs = performance.now() - started;
    const { chunks } = await waitUntilIngested(tenantId, DOCUMENTS);
    const seconds = (performance.now() - started) / 1000;
    console.log(`  uploaded in ${Math.round(uploadedMs)} ms; indexed ${chunks} chunks in ${seconds.toFixed(1)} s`);

    // What autovacuum does within a minute of a bulk load: planner statistics for the new rows.
    await appPool('ingestion').query('ANALYZE');
    const queries = Array.from({ length: QUERIES }, (_, n) => sentence(n % DOCUMENTS, n * 13).slice(0, 60));
    for (const query of queries.slice(0, 10)) await post(`${ingestion.url}/search`, tenantId, { query, k: 10 }); // warm-up
    const latencies: number[] = [];
    for (const query of queries) {
      const begin = performance.now();
      await post(`${ingestion.url}/search`, tenantId, { query, k: 10 });
      latencies.push(performance.now() - begin);
    }

    const recall = await measureRecall(stores.VECTOR_STORE_URI, tenantId, queries.slice(0, RECALL_QUERIES));
    return [
      figure('ingestion end to end (upload -> indexed)', totalBytes / 1024 / seconds, 'KB/s'),
      figure('ingestion end to end', chunks / seconds, 'chunks/s'),
      figure('indexed chunks (retrieval corpus)', chunks, 'chunks'),
      figure('hybrid search top-10 p50 (POST /search)', percentile(latencies, 50), 'ms'),
      figure('hybrid search top-10 p99 (POST /search)', percentile(latencies, 99), 'ms'),
      figure('vector search top-10 p50, ANN', percentile(recall.annMs, 50), 'ms'),
      figure('vector search top-10 p50, exact', percentile(recall.exactMs, 50), 'ms'),
      figure('recall@10 of ANN vs exact (ids)', recall.recall * 100, '%'),
      figure('recall@10 of ANN vs exact (ties at the 10th score count)', recall.tieAware * 100, '%'),
    ];
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
  }
}

async function measureRecall(uri: string, tenantId: string, queries: string[]) {
  const embedder = new FeatureHashingEmbedder();
  const index = new VectorIndex({
    uri,
    dimensions: embedder.dimensions,
    readConsistencySeconds: 0,
    model: embedder.model,
  });
  try {
    if (!(await index.ensureAnnIndex(tenantId))) console.warn('  no ANN index: the table is below VECTOR_ANN_MIN_ROWS');
    const vectors = await embedder.embed(queries);
    const exact: string[][] = [];
    const approximate: string[][] = [];
    let tieAwareHits = 0;
    const exactMs: number[] = [];
    const annMs: number[] = [];
    for (const vector of vectors) {
      let begin = performance.now();
      const exactHits = await index.search(tenantId, vector, 10, undefined, { exact: true });
      exactMs.push(performance.now() - begin);
      begin = performance.now();
      const annHits = await index.search(tenantId, vector, 10);
      annMs.push(performance.now() - begin);
      exact.push(exactHits.map((hit) => hit.chunkId));
      approximate.push(annHits.map((hit) => hit.chunkId));
      // The synthetic corpus has many chunks at exactly the same distance: any of them is a right answer.
      const tenth = exactHits[exactHits.length - 1]?.score ?? Infinity;
      tieAwareHits += annHits.filter((hit) => hit.score >= tenth - 1e-6).length / Math.max(1, exactHits.length);
    }
    return { recall: recallAtK(exact, approximate), tieAware: tieAwareHits / vectors.length, exactMs, annMs };
  } finally {
    await index.close();
  }
}
