import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobNotFoundError, InvalidBlobKeyError } from './blob-store';
import { LocalBlobStore } from './local-blob-store';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const T0 = Date.UTC(2026, 0, 1);

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('LocalBlobStore', () => {
  let rootDir: string;
  let now: number;
  let store: LocalBlobStore;

  beforeEach(async () => {
    rootDir = await mkdtemp(join(tmpdir(), 'blob-store-'));
    now = T0;
    store = new LocalBlobStore({
      rootDir,
      publicBaseUrl: 'http://localhost:3000/v1/blobs/',
      signingSecret: SECRET,
      clock: () => now,
    });
  });

  afterEach(() => rm(rootDir, { recursive: true, force: true }));

  it('writes, reads, overwrites and reports blobs', async () => {
    const key = 'tenants/t1/objects/o1/source';
    expect(await store.exists(key)).toBe(false);
    await expect(store.put(key, Buffer.from('first'), 'text/plain')).resolves.toEqual({
      key,
      url: `http://localhost:3000/v1/blobs/${key}`,
      sizeBytes: 5,
    });
    expect(await store.exists(key)).toBe(true);
    expect((await store.get(key)).toString()).toBe('first');
    await store.put(key, Buffer.from('second!'), 'application/pdf');
    const opened = await store.open(key);
    expect({ sizeBytes: opened.sizeBytes, contentType: opened.contentType }).toEqual({
      sizeBytes: 7,
      contentType: 'application/pdf',
    });
    expect(await text(opened.stream)).toBe('second!');
  });

  it('leaves no temp files and keeps sidecars out of listings', async () => {
    await store.put('tenants/t1/chunks/c1.txt', Buffer.from('one'), 'text/plain');
    await store.put('tenants/t1/chunks/c1.txt', Buffer.from('one again'), 'text/plain');
    expect((await readdir(join(rootDir, 'tenants/t1/chunks'))).sort()).toEqual(['c1.txt', 'c1.txt~meta.json']);
    expect(await store.list('')).toEqual(['tenants/t1/chunks/c1.txt']);
  });

  it('throws BlobNotFoundError for a missing blob, or a folder', async () => {
    await store.put('tenants/t1/objects/o1/source', Buffer.from('x'), 'text/plain');
    await expect(store.get('tenants/t1/objects/o2/source')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('tenants/t1/objects')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.open('tenants/t1/objects/o1')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('tenants/t1/objects/o1/source/more')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.exists('tenants/t1/objects')).toBe(false);
  });

  it('refuses bad keys before touching the disk', async () => {
    await expect(store.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.get('/etc/passwd')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.delete(['ok', 'a/../b'])).rejects.toBeInstanceOf(InvalidBlobKeyError);
    expect(() => store.urlFor('a//b')).toThrow(InvalidBlobKeyError);
    await expect(store.put('a/b', Buffer.from('x'), 'text/html\r\nx: y')).rejects.toThrow('invalid content type');
    expect(await store.list('')).toEqual([]);
  });

  it('lists by plain string prefix and deletes idempotently, pruning empty folders', async () => {
    const keys = ['tenants/t1/chunks/c1.txt', 'tenants/t1/chunks/c2.txt', 'tenants/t1/objects/o1/source'];
    for (const key of [...keys, 'tenants/t10/chunks/c1.txt']) await store.put(key, Buffer.from(key), 'text/plain');
    expect(await store.list('tenants/t1/')).toEqual(keys);
    expect(await store.list('tenants/t1/chunks/c')).toEqual(keys.slice(0, 2));
    expect(await store.list('tenants/t2/')).toEqual([]);
    await store.delete(['tenants/t1/chunks/c1.txt', 'tenants/t1/chunks/nope.txt']);
    await store.delete(['tenants/t1/chunks/c1.txt']);
    expect(await store.list('tenants/t1/')).toEqual(keys.slice(1));
    await store.delete(['tenants/t1/objects/o1/source']);
    expect(await readdir(join(rootDir, 'tenants/t1'))).toEqual(['chunks']);
  });

  it('deletes a prefix and counts, refusing the empty prefix', async () => {
    for (let i = 0; i < 150; i++) await store.put(`tenants/t1/chunks/c${i}.txt`, Buffer.from('x'), 'text/plain');
    await store.put('tenants/t2/chunks/c1.txt', Buffer.from('x'), 'text/plain');
    await expect(store.deletePrefix('')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    expect(await store.deletePrefix('tenants/t1/')).toBe(150);
    expect(await store.deletePrefix('tenants/t1/')).toBe(0);
    expect(await store.list('')).toEqual(['tenants/t2/chunks/c1.txt']);
    expect(await readdir(join(rootDir, 'tenants'))).toEqual(['t2']);
  });

  it('maps urls to keys only for its own urls', () => {
    const key = 'tenants/t1/objects/o1/source';
    expect(store.keyFromUrl(store.urlFor(key))).toBe(key);
    expect(store.keyFromUrl(`${store.urlFor(key)}?expires=1&signature=x`)).toBe(key);
    expect(store.keyFromUrl(`http://localhost:3001/v1/blobs/${key}`)).toBeNull();
    expect(store.keyFromUrl(`http://localhost:3000/v1/other/${key}`)).toBeNull();
    expect(store.keyFromUrl('http://localhost:3000/v1/blobs/a%20b')).toBeNull();
    expect(store.keyFromUrl('http://localhost:3000/v1/blobs/../x')).toBeNull();
    // Dot segments resolve as a browser resolves them.
    expect(store.keyFromUrl('http://localhost:3000/v1/blobs/a/%2e%2e/b')).toBe('b');
    expect(store.keyFromUrl('http://localhost:3000/v1/blobs/')).toBeNull();
    expect(store.keyFromUrl('not a url')).toBeNull();
  });

  it('signs urls that verify until they expire', () => {
    const key = 'tenants/t1/objects/o1/source';
    const signed = new URL(store.signedUrl(key, 60));
    expect(`${signed.origin}${signed.pathname}`).toBe(store.urlFor(key));
    const expires = signed.searchParams.get('expires') as string;
    const signature = signed.searchParams.get('signature') as string;
    expect(Number(expires)).toBe(T0 / 1000 + 60);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(store.signedUrl(store.urlFor(key), 60)).toBe(signed.href);
    expect(store.verifySignature(key, expires, signature)).toBe(true);
    expect(store.secondsUntil(expires)).toBe(60);

    expect(store.verifySignature('tenants/t1/objects/o2/source', expires, signature)).toBe(false);
    expect(store.verifySignature(key, String(Number(expires) + 1), signature)).toBe(false);
    expect(
      store.verifySignature(
        key,
        expires,
        signature.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      ),
    ).toBe(false);
    expect(store.verifySignature(key, expires, signature.toUpperCase())).toBe(false);
    expect(store.verifySignature(key, expires, signature.slice(2))).toBe(false);
    expect(store.verifySignature(key, undefined, signature)).toBe(false);
    expect(store.verifySignature(key, [expires], signature)).toBe(false);
    expect(store.verifySignature(key, expires, undefined)).toBe(false);
    expect(store.verifySignature('../x', expires, signature)).toBe(false);

    now = T0 + 60_000;
    expect(store.verifySignature(key, expires, signature)).toBe(false);
  });

  it('does not accept signatures made with another secret, and uses its default ttl', () => {
    const other = new LocalBlobStore({
      rootDir,
      publicBaseUrl: 'http://localhost:3000/v1/blobs',
      signingSecret: `${SECRET}-other`,
      clock: () => now,
    });
    const signed = new URL(other.signedUrl('a/b'));
    expect(Number(signed.searchParams.get('expires'))).toBe(T0 / 1000 + 900);
    expect(store.verifySignature('a/b', signed.searchParams.get('expires'), signed.searchParams.get('signature'))).toBe(
      false,
    );
    expect(() => store.signedUrl('http://elsewhere.example/v1/blobs/a/b')).toThrow(InvalidBlobKeyError);
    expect(() => new LocalBlobStore({ rootDir, publicBaseUrl: 'http://x', signingSecret: 'short' })).toThrow(
      'at least 32 characters',
    );
  });
});
