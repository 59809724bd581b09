import { LocalBlobStore } from '@rag/blob-store';
import { appPool, closePools, expectEventually } from '@rag/testing';
import { VectorIndex } from '../src/vector-index/vector-index';
import { TEST_MODEL } from './support/ingestion-stack';
import { ErrorBody } from '../../gateway/test/support/stack';
import { createTenant, TestTenant } from '../../gateway/test/support/tenants';
import { corpusFile, createDataSource, ObjectBody, search, upload, waitForStatus } from './support/ingestion-client';
import { IngestionStack, SYSTEM_KEY, startIngestionStack } from './support/ingestion-stack';

/** The stores the ingestion app under test writes to (the test run's folders, see libs/testing). */
function testStores() {
  return {
    // Reads what the app process wrote a moment ago (no cached table version).
    vectors: new VectorIndex({
      uri: process.env.VECTOR_STORE_URI!,
      dimensions: 384,
      readConsistencySeconds: 0,
      model: TEST_MODEL,
    }),
    blobs: new LocalBlobStore({
      rootDir: process.env.BLOB_DIR!,
      publicBaseUrl: 'http://unused.invalid/v1/blobs',
      signingSecret: 'unused-secret-unused-secret-unused-secret',
    }),
  };
}

async function countRows(table: string, column: string, id: string): Promise<number> {
  const { rows } = await appPool('ingestion').query<{ count: number }>(
    `SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`,
    [id],
  );
  return rows[0].count;
}

describe('object deletion and ingestion quotas', () => {
  let stack: IngestionStack;
  let tenant: TestTenant;
  let sourceId: string;
  const stores = testStores();

  beforeAll(async () => {
    stack = await startIngestionStack();
    tenant = await createTenant(stack.call, 'deletion');
    sourceId = await createDataSource(stack.call, tenant.adminKey.key, 'text', {
      chunking: { chunkSize: 300, chunkOverlap: 0 },
    });
  });

  afterAll(async () => {
    await stores.vectors.close();
    await stack?.stop();
    await closePools();
  });

  async function ingest(file: string, tenantKey = tenant.adminKey.key, dataSourceId = sourceId): Promise<ObjectBody> {
    const answer = await upload(
      stack.gateway.url,
      tenantKey,
      { dataSourceId },
      { body: await corpusFile(file), filename: file },
    );
    expect(answer.status).toBe(201);
    return waitForStatus(stack.call, tenantKey, answer.body.id, ['indexed']);
  }

  it('deletes one object with its chunks, keywords, vectors and blobs, and leaves the others whole', async () => {
    const doomed = await ingest('security-faq.txt');
    const kept = await ingest('refund-policy.md');
    const tenantId = tenant.tenant.id;
    expect(doomed.chunkCount).toBeGreaterThan(1);
    expect(await stores.vectors.countByObjectId(tenantId, doomed.id)).toBe(doomed.chunkCount);
    const prefix = `tenants/${tenantId}/objects/${doomed.id}/`;
    expect((await stores.blobs.list(prefix)).length).toBe(doomed.chunkCount! + 1);

    const deleted = await stack.call<ObjectBody>('DELETE', `/v1/objects/${doomed.id}`, { key: tenant.adminKey.key });
    expect(deleted.status).toBe(200);
    expect(deleted.body.status).toBe('deleted');

    expect(await countRows('document_chunks', 'object_id', doomed.id)).toBe(0);
    const { rows } = await appPool('ingestion').query<{ count: number }>(
      `SELECT count(*)::int AS count FROM search_metadata sm WHERE sm.tenant_id = $1
         AND NOT EXISTS (SELECT 1 FROM document_chunks dc WHERE dc.id = sm.chunk_id)`,
      [tenantId],
    );
    expect(rows[0].count).toBe(0);
    expect(await stores.vectors.countByObjectId(tenantId, doomed.id)).toBe(0);
    expect(await stores.blobs.list(prefix)).toEqual([]);

    const hits = await search(stack.call, tenant.adminKey.key, { query: 'How often do passwords rotate?', k: 10 });
    expect(hits.body.items.some((hit) => hit.objectId === doomed.id)).toBe(false);

    expect(await stores.vectors.countByObjectId(tenantId, kept.id)).toBe(kept.chunkCount);
    expect(await countRows('document_chunks', 'object_id', kept.id)).toBe(kept.chunkCount);
    expect((await stores.blobs.list(`tenants/${tenantId}/objects/${kept.id}/`)).length).toBe(kept.chunkCount! + 1);

    // Deleting again is harmless; the same content may be registered anew.
    expect((await stack.call('DELETE', `/v1/objects/${doomed.id}`, { key: tenant.adminKey.key })).status).toBe(200);
    const again = await ingest('security-faq.txt');
    expect(again.id).not.toBe(doomed.id);
  });

  it('publishes every change as an event that reaches the audit trail', async () => {
    const object = await ingest('product-catalog.json');
    await stack.call('DELETE', `/v1/objects/${object.id}`, { key: tenant.adminKey.key });
    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string }>(
        `SELECT action FROM audit_logs WHERE resource_id = $1 ORDER BY created_at`,
        [object.id],
      );
      expect(rows.map((row) => row.action)).toEqual(['object.registered', 'object.ingested', 'object.deleted']);
    }, 30_000);
    const { rows } = await appPool('audit').query(`SELECT 1 FROM audit_logs WHERE resource_id = $1 AND action = $2`, [
      sourceId,
      'data_source.created',
    ]);
    expect(rows).toHaveLength(1);
  });

  it('refuses registrations beyond max_ingestions_day with 429 naming the quota, and recovers when raised', async () => {
    const limited = await createTenant(stack.call, 'quota');
    const source = await createDataSource(stack.call, limited.adminKey.key);
    const setQuotas = (body: object) =>
      stack.call('PUT', `/v1/tenants/${limited.tenant.id}/quotas`, { key: SYSTEM_KEY, body });
    expect(
      (await setQuotas({ maxTokensPerDay: 1000, maxIngestionsPerDay: 2, maxStorageBytes: 1_000_000 })).status,
    ).toBe(200);

    await ingest('security-faq.txt', limited.adminKey.key, source);
    await ingest('refund-policy.md', limited.adminKey.key, source);
    const refused = await upload(
      stack.gateway.url,
      limited.adminKey.key,
      { dataSourceId: source },
      { body: await corpusFile('shipping-rates.csv'), filename: 'rates.csv' },
    );
    expect(refused.status).toBe(429);
    expect((refused.body as unknown as ErrorBody).error).toMatchObject({
      code: 'quota_exceeded',
      details: { quota: 'ingestions' },
    });

    // Identity meters the registrations from object.registered events.
    await expectEventually(async () => {
      const usage = await stack.call<{ today: { ingestions: { used: number } } }>('GET', '/v1/usage', {
        key: limited.adminKey.key,
      });
      expect(usage.body.today.ingestions.used).toBe(2);
    });

    expect((await setQuotas({ maxTokensPerDay: 1000, maxIngestionsPerDay: 10, maxStorageBytes: 10_000 })).status).toBe(
      200,
    );
    const accepted = await upload(
      stack.gateway.url,
      limited.adminKey.key,
      { dataSourceId: source },
      { body: await corpusFile('shipping-rates.csv'), filename: 'rates.csv' },
    );
    expect(accepted.status).toBe(201);

    const tooMuch = await upload(
      stack.gateway.url,
      limited.adminKey.key,
      { dataSourceId: source },
      { body: Buffer.alloc(9_000, 'word '), filename: 'words.txt', type: 'text/plain' },
    );
    expect(tooMuch.status).toBe(429);
    expect((tooMuch.body as unknown as ErrorBody).error).toMatchObject({ details: { quota: 'storage' } });
  });
});
