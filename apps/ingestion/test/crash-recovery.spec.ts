import { appPool, closePools, expectEventually } from '@rag/testing';
import { VectorIndex } from '../src/vector-index/vector-index';
import { TEST_MODEL } from './support/ingestion-stack';
import { createTenant, TestTenant } from '../../gateway/test/support/tenants';
import { createDataSource, upload, waitForStatus } from './support/ingestion-client';
import { IngestionStack, startIngestionStack } from './support/ingestion-stack';

/** About 2.5 MB of distinct sentences: a few thousand chunks, several seconds of work. */
function largeDocument(): Buffer {
  const paragraphs = Array.from({ length: 6000 }, (_, index) =>
    [
      `Section ${index} describes warehouse ${index % 97} and shipment batch ${index * 7}.`,
      `The inspector for lot ${index} recorded ${index % 13} damaged crates and ${index % 5} delays.`,
      `Follow-up ticket ${index * 3} stays open until the carrier confirms delivery window ${index % 24}.`,
    ].join(' '),
  );
  return Buffer.from(paragraphs.join('\n\n'));
}

describe('ingestion app killed in the middle of an object', () => {
  let stack: IngestionStack;
  let tenant: TestTenant;
  const vectors = new VectorIndex({
    uri: process.env.VECTOR_STORE_URI!,
    dimensions: 384,
    readConsistencySeconds: 0,
    model: TEST_MODEL,
  });

  beforeAll(async () => {
    stack = await startIngestionStack();
    tenant = await createTenant(stack.call, 'crash');
  });

  afterAll(async () => {
    await vectors.close();
    await stack?.stop();
    await closePools();
  });

  it('ends indexed once after a restart, without duplicate chunks or vectors', async () => {
    const sourceId = await createDataSource(stack.call, tenant.adminKey.key, 'text', {
      chunking: { chunkSize: 600, chunkOverlap: 0 },
    });
    const registered = await upload(
      stack.gateway.url,
      tenant.adminKey.key,
      { dataSourceId: sourceId },
      { body: largeDocument(), filename: 'ledger.txt', type: 'text/plain' },
    );
    expect(registered.status).toBe(201);
    const id = registered.body.id;

    // Kill it while the object is processing and some chunk blobs exist already.
    await expectEventually(
      async () => {
        const { rows } = await appPool('ingestion').query<{ ingestion_status: string }>(
          'SELECT ingestion_status FROM ingested_objects WHERE id = $1',
          [id],
        );
        expect(rows[0].ingestion_status).toBe('processing');
      },
      30_000,
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.ingestion.kill();
    const { rows: stuck } = await appPool('ingestion').query<{ ingestion_status: string }>(
      'SELECT ingestion_status FROM ingested_objects WHERE id = $1',
      [id],
    );
    expect(stuck[0].ingestion_status).toBe('processing');

    await stack.ingestion.restart();
    const done = await waitForStatus(stack.call, tenant.adminKey.key, id, ['indexed', 'failed'], 120_000);
    expect(done).toMatchObject({ status: 'indexed', error: null });
    expect(done.attempts).toBe(2);
    const chunkCount = done.chunkCount!;
    expect(chunkCount).toBeGreaterThan(1000);

    const { rows } = await appPool('ingestion').query<{ chunks: number; indexes: number; keywords: number }>(
      `SELECT count(*)::int AS chunks, count(DISTINCT chunk_index)::int AS indexes,
              (SELECT count(*)::int FROM search_metadata sm JOIN document_chunks c ON c.id = sm.chunk_id
                WHERE c.object_id = $1) AS keywords
         FROM document_chunks WHERE object_id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ chunks: chunkCount, indexes: chunkCount, keywords: chunkCount });
    expect(await vectors.countByObjectId(tenant.tenant.id, id)).toBe(chunkCount);

    const { rows: events } = await appPool('ingestion').query<{ type: string }>(
      `SELECT payload->>'type' AS type FROM outbox_events WHERE payload->'resource'->>'id' = $1 ORDER BY seq`,
      [id],
    );
    expect(events.map((event) => event.type)).toEqual(['object.registered', 'object.requeued', 'object.ingested']);
  });

  it("re-embeds indexed objects into the new model's table when the embedding model changes", async () => {
    const sourceId = await createDataSource(stack.call, tenant.adminKey.key);
    const registered = await upload(
      stack.gateway.url,
      tenant.adminKey.key,
      { dataSourceId: sourceId },
      {
        body: Buffer.from('Quarterly audit of the Lisbon depot.\n\nForklift seven needs new brakes.'),
        filename: 'a.txt',
      },
    );
    const before = await waitForStatus(stack.call, tenant.adminKey.key, registered.body.id, ['indexed']);

    await stack.replaceIngestion({ EMBEDDING_DIMENSIONS: '256' });
    await expectEventually(async () => {
      const { rows } = await appPool('ingestion').query<{ model: string; status: string }>(
        `SELECT metadata->>'embeddingModel' AS model, ingestion_status AS status FROM ingested_objects WHERE id = $1`,
        [before.id],
      );
      expect(rows[0]).toEqual({ model: 'feature-hashing-v1-256', status: 'indexed' });
    }, 60_000);
    const newModel = new VectorIndex({
      uri: process.env.VECTOR_STORE_URI!,
      dimensions: 256,
      readConsistencySeconds: 0,
      model: 'feature-hashing-v1-256',
    });
    try {
      expect(await newModel.countByObjectId(tenant.tenant.id, before.id)).toBe(before.chunkCount);
    } finally {
      await newModel.close();
    }
    const { rows } = await appPool('ingestion').query<{ model: string }>(
      `SELECT DISTINCT r.model_name AS model FROM document_chunks c JOIN embeddings_registry r ON r.id = c.embedding_id
        WHERE c.object_id = $1`,
      [before.id],
    );
    expect(rows).toEqual([{ model: 'feature-hashing-v1-256' }]);
    const hits = await stack.call<{ items: { objectId: string }[]; model: string }>('POST', '/v1/search', {
      key: tenant.adminKey.key,
      body: { query: 'forklift brakes', k: 3 },
    });
    expect(hits.body.model).toBe('feature-hashing-v1-256');
    expect(hits.body.items[0]?.objectId).toBe(before.id);
  });
});
