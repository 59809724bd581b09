import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppProcess, appPool, startApp } from '@rag/testing';
import { document, post, uploadDocument, waitUntilIngested } from './ingestion';
import { Figure, figure } from './report';

const MESSAGES = Number(process.env.BENCH_ERASURE_MESSAGES ?? 10_000);
const SESSIONS = 50;
/** ~15 MB in 200-character chunks: about 100k chunks. */
const TENANT_MB = Number(process.env.BENCH_ERASURE_MB ?? 15);
const DOCUMENTS = 30;
const STORES = join(__dirname, '..', '.data', 'bench-erasure-stores');

interface DeletionRequestBody {
  id: string;
  status: string;
  apps: { app: string; counts: Record<string, number> }[];
}

async function eraseAndWait(
  compliance: string,
  tenantId: string,
  body: object,
): Promise<{ ms: number; request: DeletionRequestBody }> {
  const started = performance.now();
  const filed = (await post(`${compliance}/deletion-requests`, tenantId, body)) as DeletionRequestBody;
  for (;;) {
    const response = await fetch(`${compliance}/deletion-requests/${filed.id}`, {
      headers: { 'x-tenant-id': tenantId },
    });
    const request = (await response.json()) as DeletionRequestBody;
    if (request.status === 'completed') return { ms: performance.now() - started, request };
    if (performance.now() - started > 30 * 60_000) throw new Error(`erasure ${filed.id} not done: ${request.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * GDPR erasure end to end (compliance -> Kafka -> every app -> replies): a user with 10,000 chat
 * messages (written straight into chat's table, in 50 sessions), and a tenant with ~100k chunks
 * ingested through the real pipeline (rows, LanceDB vectors, a blob per chunk).
 */
export async function benchErasure(): Promise<Figure[]> {
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
    const chat = await startApp('chat');
    apps.push(ingestion, chat);
    const services = { IDENTITY_URL: identity.url, INGESTION_URL: ingestion.url, CHAT_URL: chat.url };
    const agents = await startApp('agents', services);
    apps.push(agents);
    const evaluation = await startApp('evaluation', { ...services, ...stores, AGENTS_URL: agents.url });
    const compliance = await startApp('compliance', services);
    apps.push(evaluation, compliance);

    // A user with 10,000 messages.
    const tenant = (await post(`${identity.url}/tenants`, 'all', { name: `bench-erasure-${Date.now()}` })) as {
      tenant: { id: string };
    };
    const tenantId = tenant.tenant.id;
    const user = (await post(`${identity.url}/users`, tenantId, {
      email: `erase-${randomUUID()}@example.com`,
      role: 'user',
    })) as {
      id: string;
    };
    const sessions = Array.from({ length: SESSIONS }, () => randomUUID());
    await appPool('chat').query(
      `INSERT INTO chat_sessions (id, tenant_id, user_id) SELECT unnest($1::uuid[]), $2, $3`,
      [sessions, tenantId, user.id],
    );
    await appPool('chat').query(
      `INSERT INTO chat_messages (id, tenant_id, session_id, role, content)
       SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + n % $3], CASE WHEN n % 2 = 0 THEN 'user' ELSE 'assistant' END,
              'message ' || n || ' about parcels, refunds and the warehouse schedule'
         FROM generate_series(1, $4) AS n`,
      [tenantId, sessions, SESSIONS, MESSAGES],
    );
    const userErasure = await eraseAndWait(compliance.url, tenantId, { scope: 'user', userId: user.id });
    const chatCounts = userErasure.request.apps.find((app) => app.app === 'chat')!.counts;
    console.log(
      `  user with ${chatCounts.chat_messages} messages in ${chatCounts.chat_sessions} sessions erased in ${Math.round(userErasure.ms)} ms`,
    );

    // A tenant with ~100k chunks.
    const big = (await post(`${identity.url}/tenants`, 'all', { name: `bench-erasure-big-${Date.now()}` })) as {
      tenant: { id: string };
    };
    const bigId = big.tenant.id;
    const source = (await post(`${ingestion.url}/data-sources`, bigId, {
      name: 'erasure corpus',
      type: 'text',
      chunking: { chunkSize: 200, chunkOverlap: 0 },
    })) as { id: string };
    const perDocument = Math.round((TENANT_MB * 1024 * 1024) / DOCUMENTS);
    const ingestStarted = performance.now();
    for (let doc = 0; doc < DOCUMENTS; doc++) {
      await uploadDocument(ingestion.url, bigId, source.id, document(doc, perDocument), `doc-${doc}.txt`);
    }
    const { chunks } = await waitUntilIngested(bigId, DOCUMENTS);
    console.log(
      `  tenant with ${chunks} chunks ingested in ${Math.round((performance.now() - ingestStarted) / 1000)} s`,
    );
    const tenantErasure = await eraseAndWait(compliance.url, bigId, { scope: 'tenant' });
    const ingestionCounts = tenantErasure.request.apps.find((app) => app.app === 'ingestion')!.counts;
    console.log(
      `  tenant erased in ${Math.round(tenantErasure.ms)} ms: ${ingestionCounts.document_chunks} chunks, ${ingestionCounts.blobs} blobs, ${ingestionCounts.vector_tables} vector table(s)`,
    );
    return [
      figure(`erasure of a user with ${MESSAGES} messages`, userErasure.ms, 'ms'),
      figure(`erasure of a tenant with ${chunks} chunks`, tenantErasure.ms, 'ms'),
    ];
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
  }
}
