import { randomBytes } from 'node:crypto';
import { appPool, closePools } from '@rag/testing';
import { createTenant, TestTenant } from '../../gateway/test/support/tenants';
import { ErrorBody } from '../../gateway/test/support/stack';
import { corpusFile, createDataSource, upload, UploadAnswer, waitForStatus } from './support/ingestion-client';
import { IngestionStack, startIngestionStack } from './support/ingestion-stack';

const MAX_OBJECT_BYTES = 256 * 1024;
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  randomBytes(64),
]);

describe('object registration: refusals leave nothing behind, failures are visible', () => {
  let stack: IngestionStack;
  let tenant: TestTenant;
  let textSource: string;
  let imageSource: string;

  async function objectRows(): Promise<number> {
    const { rows } = await appPool('ingestion').query<{ count: number }>(
      'SELECT count(*)::int AS count FROM ingested_objects WHERE tenant_id = $1',
      [tenant.tenant.id],
    );
    return rows[0].count;
  }

  async function expectRefused(
    register: () => Promise<UploadAnswer<unknown> | { status: number; body: unknown }>,
    status: number,
    code: string,
  ) {
    const before = await objectRows();
    const answer = await register();
    expect({ status: answer.status, code: (answer.body as ErrorBody).error?.code }).toEqual({ status, code });
    expect(await objectRows()).toBe(before);
    return answer.body as ErrorBody;
  }

  const registerUrl = (url: string, dataSourceId = textSource) =>
    stack.call('POST', '/v1/objects', { key: tenant.adminKey.key, body: { dataSourceId, url } });

  beforeAll(async () => {
    stack = await startIngestionStack({ MAX_OBJECT_BYTES: String(MAX_OBJECT_BYTES) });
    tenant = await createTenant(stack.call, 'refusals');
    textSource = await createDataSource(stack.call, tenant.adminKey.key, 'text');
    imageSource = await createDataSource(stack.call, tenant.adminKey.key, 'image');
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  it('answers 422 fetch_failed for a URL that does not answer 2xx', async () => {
    const body = await expectRefused(() => registerUrl(`${stack.files.url}/missing.txt`), 422, 'fetch_failed');
    expect(body.error.details).toMatchObject({ reason: 'http_status', status: 404 });
  });

  it.each([
    ['a private address', 'http://10.1.2.3/doc.txt'],
    ['loopback outside the allow-list', 'http://127.0.0.1:9/doc.txt'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'http://[::1]/doc.txt'],
  ])('refuses %s with 400 url_refused', async (_label, url) => {
    const body = await expectRefused(() => registerUrl(url), 400, 'url_refused');
    expect(body.error.details).toMatchObject({ reason: 'private_address' });
  });

  it('refuses an allowed host redirecting to a private address', async () => {
    await expectRefused(() => registerUrl(`${stack.files.url}/redirect-to-private`), 400, 'url_refused');
  });

  it('refuses a non-http URL as invalid input', async () => {
    await expectRefused(() => registerUrl('ftp://example.com/doc.txt'), 400, 'validation_failed');
  });

  it('answers 413 for an oversized upload', async () => {
    await expectRefused(
      () =>
        upload(
          stack.gateway.url,
          tenant.adminKey.key,
          { dataSourceId: textSource },
          { body: Buffer.alloc(MAX_OBJECT_BYTES + 1, 'a'), filename: 'big.txt', type: 'text/plain' },
        ),
      413,
      'object_too_large',
    );
  });

  it('answers 415 for content that is not the data source type, whatever the declared type', async () => {
    const body = await expectRefused(
      () =>
        upload(
          stack.gateway.url,
          tenant.adminKey.key,
          { dataSourceId: textSource },
          { body: PNG, filename: 'notes.txt', type: 'text/plain' },
        ),
      415,
      'content_type_mismatch',
    );
    expect(body.error.details).toMatchObject({ contentType: 'image/png', sourceType: 'text' });
  });

  it('answers 415 for content of no supported type', async () => {
    await expectRefused(
      () =>
        upload(
          stack.gateway.url,
          tenant.adminKey.key,
          { dataSourceId: textSource },
          { body: randomBytes(2048), filename: 'blob.bin' },
        ),
      415,
      'unsupported_content_type',
    );
  });

  it('refuses bad fields of an upload and of a JSON registration', async () => {
    const corpus = await corpusFile('security-faq.txt');
    await expectRefused(
      () =>
        upload(stack.gateway.url, tenant.adminKey.key, { dataSourceId: 'nope' }, { body: corpus, filename: 'a.txt' }),
      400,
      'validation_failed',
    );
    await expectRefused(
      () =>
        upload(
          stack.gateway.url,
          tenant.adminKey.key,
          { dataSourceId: textSource, owner: 'me' },
          { body: corpus, filename: 'a.txt' },
        ),
      400,
      'validation_failed',
    );
    await expectRefused(
      () =>
        stack.call('POST', '/v1/objects', {
          key: tenant.adminKey.key,
          body: { dataSourceId: textSource, url: `${stack.files.url}/security-faq.txt`, tags: ['Not A Tag'] },
        }),
      400,
      'validation_failed',
    );
    await expectRefused(
      () => stack.call('POST', '/v1/objects', { key: tenant.adminKey.key, body: { url: 42 } }),
      400,
      'validation_failed',
    );
  });

  it('lets a read key search but not register', async () => {
    const { issueKey } = await import('../../gateway/test/support/tenants');
    const readKey = await issueKey(stack.call, tenant.adminKey.key, 'read');
    const answer = await stack.call('POST', '/v1/objects', {
      key: readKey.key,
      body: { dataSourceId: textSource, url: `${stack.files.url}/security-faq.txt` },
    });
    expect(answer.status).toBe(403);
    expect((await stack.call('POST', '/v1/search', { key: readKey.key, body: { query: 'passwords' } })).status).toBe(
      200,
    );
  });

  it('marks a corrupt PDF failed at extraction, with the reason visible through the API', async () => {
    const answer = await upload(
      stack.gateway.url,
      tenant.adminKey.key,
      { dataSourceId: textSource },
      { body: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage'), filename: 'broken.pdf' },
    );
    expect(answer.status).toBe(201);
    const failed = await waitForStatus(stack.call, tenant.adminKey.key, answer.body.id, ['failed', 'indexed']);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'extract', reason: expect.stringMatching(/pdf/i) });
  });

  it('indexes an image without sidecar text with zero chunks and says why; with a caption it is searchable', async () => {
    const bare = await upload(
      stack.gateway.url,
      tenant.adminKey.key,
      { dataSourceId: imageSource },
      { body: PNG, filename: 'photo.png' },
    );
    expect(bare.status).toBe(201);
    const indexed = await waitForStatus(stack.call, tenant.adminKey.key, bare.body.id, ['indexed', 'failed']);
    expect(indexed).toMatchObject({ status: 'indexed', chunkCount: 0, note: expect.stringContaining('sidecarText') });

    const captioned = await upload(
      stack.gateway.url,
      tenant.adminKey.key,
      { dataSourceId: imageSource, sidecarText: 'A lighthouse keeper feeding seven orange cats at dawn.' },
      { body: Buffer.concat([PNG, Buffer.from('other')]), filename: 'cats.png' },
    );
    expect(captioned.status).toBe(201);
    const done = await waitForStatus(stack.call, tenant.adminKey.key, captioned.body.id, ['indexed', 'failed']);
    expect(done).toMatchObject({ status: 'indexed', chunkCount: 1 });
    const hits = await stack.call<{ items: { objectId: string }[] }>('POST', '/v1/search', {
      key: tenant.adminKey.key,
      body: { query: 'lighthouse keeper cats', k: 3 },
    });
    expect(hits.body.items[0]?.objectId).toBe(captioned.body.id);
  });

  it('refuses sidecar text on a text object', async () => {
    await expectRefused(
      () =>
        upload(
          stack.gateway.url,
          tenant.adminKey.key,
          { dataSourceId: textSource, sidecarText: 'caption' },
          { body: Buffer.from('plain words here'), filename: 'a.txt' },
        ),
      400,
      'sidecar_not_allowed',
    );
  });

  it('validates search input', async () => {
    for (const body of [
      {},
      { query: '' },
      { query: '   ' },
      { query: 'x', k: 0 },
      { query: 'x', k: 51 },
      { query: 'x', filters: { objectIds: ['nope'] } },
      { query: 'x', extra: 1 },
    ]) {
      const answer = await stack.call<ErrorBody>('POST', '/v1/search', { key: tenant.adminKey.key, body });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
  });
});
