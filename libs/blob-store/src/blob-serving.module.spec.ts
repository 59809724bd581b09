import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@rag/http';
import { BlobServingModule } from './blob-serving.module';
import { BlobStoreModule } from './blob-store.module';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

const SECRET = 'a-test-secret-of-at-least-32-characters';

describe('BlobServingModule', () => {
  let rootDir: string;
  let app: NestFastifyApplication;
  let store: LocalBlobStore;
  let now = Date.now();

  beforeAll(async () => {
    rootDir = await mkdtemp(join(tmpdir(), 'blob-serving-'));
    // The real address is known only after listen; urls are signed for the key, not the host.
    store = new LocalBlobStore({
      rootDir,
      publicBaseUrl: 'http://127.0.0.1/v1/blobs',
      signingSecret: SECRET,
      clock: () => now,
    });

    @Module({ imports: [BlobStoreModule.forStore(store), BlobServingModule.forRoot()] })
    class SpecModule {}

    app = await createHttpApp(SpecModule, { app: 'blob-serving-spec', logLevel: 'error' });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    store = new LocalBlobStore({
      rootDir,
      publicBaseUrl: `http://127.0.0.1:${address.port}/v1/blobs`,
      signingSecret: SECRET,
      clock: () => now,
    });
    await store.put('tenants/t1/objects/o1/source', Buffer.from('%PDF-1.7 fake'), 'application/pdf');
    await store.put('tenants/t1/chunks/c1.txt', Buffer.from('chunk text'), 'text/plain; charset=utf-8');
    await store.put('tenants/t1/objects/o2/source', Buffer.from('<svg/>'), 'application/x-unknown');
  });

  afterAll(async () => {
    await app?.close();
    await rm(rootDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    now = Date.now();
  });

  it('streams a blob for a signed url, with its type, length and caching bounded by the expiry', async () => {
    const response = await fetch(store.signedUrl('tenants/t1/objects/o1/source', 300));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe('13');
    expect(response.headers.get('cache-control')).toMatch(/^private, max-age=(299|300)$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe('inline');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    );
    expect(await response.text()).toBe('%PDF-1.7 fake');
  });

  it('shows text inline and sends other types as attachments', async () => {
    const text = await fetch(store.signedUrl('tenants/t1/chunks/c1.txt'));
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toBe('inline');
    expect(await text.text()).toBe('chunk text');
    const other = await fetch(store.signedUrl('tenants/t1/objects/o2/source'));
    expect(other.headers.get('content-disposition')).toBe('attachment');
    expect(other.headers.get('content-type')).toBe('application/x-unknown');
  });

  it.each([
    ['expired', () => store.signedUrl('tenants/t1/chunks/c1.txt', 60), 61_000],
    ['tampered with (another key)', () => store.signedUrl('tenants/t1/chunks/c1.txt').replace('c1.txt', 'c2.txt'), 0],
    [
      'tampered with (a later expiry)',
      () => store.signedUrl('tenants/t1/chunks/c1.txt').replace(/expires=\d+/, 'expires=9999999999'),
      0,
    ],
    ['unsigned', () => store.urlFor('tenants/t1/chunks/c1.txt'), 0],
    ['signature only', () => store.signedUrl('tenants/t1/chunks/c1.txt').replace(/expires=\d+&/, ''), 0],
  ])('answers 403 invalid_signature for a url %s', async (_, urlOf, laterMs) => {
    const url = urlOf();
    now += laterMs;
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_signature',
        message: 'the blob url is unsigned, its signature is wrong, or it has expired',
      },
    });
  });

  it('answers 404 for a validly signed url of a blob that is gone', async () => {
    await store.put('tenants/t1/chunks/gone.txt', Buffer.from('bye'), 'text/plain');
    const url = store.signedUrl('tenants/t1/chunks/gone.txt');
    await store.delete(['tenants/t1/chunks/gone.txt']);
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'blob_not_found', message: 'blob tenants/t1/chunks/gone.txt was not found' },
    });
  });

  it.each(['/v1/blobs/%2e%2e/%2e%2e/etc/passwd', '/v1/blobs/..%2f..%2fetc/passwd', '/v1/blobs/a//b', '/v1/blobs/'])(
    'refuses the raw path %s, not a key, before reading anything',
    async (path) => {
      const { port } = app.getHttpServer().address() as { port: number };
      // node:http sends the path as is, where fetch would resolve its dot segments first.
      const status = await new Promise<number>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: `${path}?expires=9999999999&signature=${'0'.repeat(64)}` }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(status).toBe(403);
    },
  );

  it('answers 404 for every key when the store is not local (CloudFront serves S3 blobs)', async () => {
    const s3 = new S3BlobStore({ bucket: 'b', region: 'eu-west-1', cloudFrontDomain: 'cdn.example.com' });
    @Module({ imports: [BlobStoreModule.forStore(s3), BlobServingModule.forRoot({ path: '/files/' })] })
    class S3SpecModule {}
    const s3App = await createHttpApp(S3SpecModule, { app: 'blob-serving-s3-spec', logLevel: 'error' });
    await s3App.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`${await s3App.getUrl()}/files/tenants/t/x.txt?expires=1&signature=00`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'blob_not_found' } });
    } finally {
      await s3App.close();
    }
  });
});
