import { closePools } from '@rag/testing';
import { createTenant, TestTenant } from '../../gateway/test/support/tenants';
import { corpusFile, createDataSource, ObjectBody, search, upload, waitForStatus } from './support/ingestion-client';
import { IngestionStack, startIngestionStack } from './support/ingestion-stack';

interface Question {
  question: string;
  file: string;
  answerContains: string;
}

const UPLOADED = ['refund-policy.md', 'office-handbook.html', 'warranty-terms.pdf'];
const BY_URL = ['shipping-rates.csv', 'product-catalog.json', 'security-faq.txt'];

describe('ingestion and retrieval through the gateway (mixed-format corpus)', () => {
  let stack: IngestionStack;
  let tenant: TestTenant;
  let other: TestTenant;
  let sourceId: string;
  const objects = new Map<string, ObjectBody>();

  beforeAll(async () => {
    stack = await startIngestionStack();
    [tenant, other] = await Promise.all([createTenant(stack.call, 'corpus'), createTenant(stack.call, 'other')]);
    sourceId = await createDataSource(stack.call, tenant.adminKey.key, 'text', {
      chunking: { chunkSize: 400, chunkOverlap: 60 },
    });
    for (const file of UPLOADED) {
      const answer = await upload(
        stack.gateway.url,
        tenant.adminKey.key,
        { dataSourceId: sourceId, tags: 'corpus,uploaded' },
        { body: await corpusFile(file), filename: file },
      );
      expect(answer.status).toBe(201);
      objects.set(file, answer.body);
    }
    for (const file of BY_URL) {
      const answer = await stack.call<ObjectBody>('POST', '/v1/objects', {
        key: tenant.adminKey.key,
        body: { dataSourceId: sourceId, url: `${stack.files.url}/${file}`, tags: ['corpus', 'fetched'] },
      });
      expect(answer.status).toBe(201);
      objects.set(file, answer.body);
    }
    for (const [file, object] of objects) {
      const done = await waitForStatus(stack.call, tenant.adminKey.key, object.id, ['indexed', 'failed']);
      expect({ file, status: done.status, error: done.error }).toEqual({ file, status: 'indexed', error: null });
      expect(done.chunkCount).toBeGreaterThan(0);
      objects.set(file, done);
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  it('sniffs each format from its bytes and records size and SHA-256', async () => {
    const types = Object.fromEntries([...objects].map(([file, object]) => [file, object.contentType]));
    expect(types).toEqual({
      'refund-policy.md': 'text/markdown',
      'office-handbook.html': 'text/html',
      'warranty-terms.pdf': 'application/pdf',
      'shipping-rates.csv': 'text/csv',
      'product-catalog.json': 'application/json',
      'security-faq.txt': 'text/plain',
    });
    const pdf = await corpusFile('warranty-terms.pdf');
    const { createHash } = await import('node:crypto');
    expect(objects.get('warranty-terms.pdf')).toMatchObject({
      sizeBytes: pdf.length,
      checksum: createHash('sha256').update(pdf).digest('hex'),
    });
  });

  it('ranks the chunk that answers each question in the top 3', async () => {
    const questions = JSON.parse((await corpusFile('questions.json')).toString()) as Question[];
    const misses: string[] = [];
    for (const { question, file, answerContains } of questions) {
      const answer = await search(stack.call, tenant.adminKey.key, { query: question, k: 3 });
      expect(answer.status).toBe(200);
      const found = answer.body.items.some(
        (hit) => hit.objectId === objects.get(file)!.id && hit.text.includes(answerContains),
      );
      if (!found) misses.push(`${question} -> ${answer.body.items.map((hit) => hit.text.slice(0, 60)).join(' | ')}`);
    }
    expect(misses).toEqual([]);
  });

  it('answers hits with scores, chunk ids and signed URLs that serve the chunk text', async () => {
    const answer = await search(stack.call, tenant.adminKey.key, { query: 'office wifi network name', k: 5 });
    const [top] = answer.body.items;
    expect(top).toMatchObject({ dataSourceId: sourceId, tags: expect.arrayContaining(['corpus']) });
    expect(top.score).toBeGreaterThan(0);
    const chunk = await fetch(top.url);
    expect(chunk.status).toBe(200);
    expect(await chunk.text()).toBe(top.text);
    const original = await fetch(top.objectUrl);
    expect(original.status).toBe(200);
    const tampered = await fetch(top.url.replace(/signature=[0-9a-f]/, 'signature=x'));
    expect(tampered.status).toBe(403);
  });

  it('filters by object, data source and tag', async () => {
    const pdf = objects.get('warranty-terms.pdf')!;
    const byObject = await search(stack.call, tenant.adminKey.key, {
      query: 'wifi network',
      k: 10,
      filters: { objectIds: [pdf.id] },
    });
    expect(byObject.body.items.length).toBeGreaterThan(0);
    expect(byObject.body.items.every((hit) => hit.objectId === pdf.id)).toBe(true);

    const fetched = await search(stack.call, tenant.adminKey.key, {
      query: 'refund window damaged parcels',
      k: 10,
      filters: { tags: ['fetched'] },
    });
    const fetchedIds = BY_URL.map((file) => objects.get(file)!.id);
    expect(fetched.body.items.every((hit) => fetchedIds.includes(hit.objectId))).toBe(true);

    const elsewhere = await createDataSource(stack.call, tenant.adminKey.key);
    const empty = await search(stack.call, tenant.adminKey.key, {
      query: 'refund window',
      filters: { dataSourceIds: [elsewhere] },
    });
    expect(empty.body.items).toEqual([]);
  });

  it('returns the existing object for the same content in the same data source', async () => {
    const again = await upload(
      stack.gateway.url,
      tenant.adminKey.key,
      { dataSourceId: sourceId },
      { body: await corpusFile('refund-policy.md'), filename: 'copy.md' },
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: objects.get('refund-policy.md')!.id, duplicate: true });
  });

  it("never gives another tenant's chunks or objects, by search or by id", async () => {
    const otherSearch = await search(stack.call, other.adminKey.key, {
      query: 'What is the refund window for damaged parcels?',
      k: 10,
      filters: { objectIds: [objects.get('refund-policy.md')!.id] },
    });
    expect(otherSearch.status).toBe(200);
    expect(otherSearch.body.items).toEqual([]);
    const unfiltered = await search(stack.call, other.adminKey.key, { query: 'refund window damaged parcels' });
    expect(unfiltered.body.items).toEqual([]);
    const id = objects.get('security-faq.txt')!.id;
    expect((await stack.call('GET', `/v1/objects/${id}`, { key: other.adminKey.key })).status).toBe(404);
    expect((await stack.call('DELETE', `/v1/objects/${id}`, { key: other.adminKey.key })).status).toBe(404);
    expect((await stack.call('GET', `/v1/data-sources/${sourceId}`, { key: other.adminKey.key })).status).toBe(404);
    const intoForeignSource = await stack.call('POST', '/v1/objects', {
      key: other.adminKey.key,
      body: { dataSourceId: sourceId, url: `${stack.files.url}/security-faq.txt` },
    });
    expect(intoForeignSource.status).toBe(404);
  });

  it('lists objects page by page', async () => {
    const first = await stack.call<{ items: ObjectBody[]; nextCursor: string | null }>(
      'GET',
      `/v1/objects?dataSourceId=${sourceId}&limit=4`,
      { key: tenant.adminKey.key },
    );
    expect(first.body.items).toHaveLength(4);
    const second = await stack.call<{ items: ObjectBody[]; nextCursor: string | null }>(
      'GET',
      `/v1/objects?dataSourceId=${sourceId}&limit=4&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      { key: tenant.adminKey.key },
    );
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
  });
});
