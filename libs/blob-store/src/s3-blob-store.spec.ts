import { generateKeyPairSync, createVerify } from 'node:crypto';
import { startFakeS3, FakeS3 } from '../test/fake-s3-server';
import { BlobNotFoundError, InvalidBlobKeyError } from './blob-store';
import { S3BlobStore, S3BlobStoreOptions } from './s3-blob-store';

const T0 = Date.UTC(2026, 0, 1);
const base: S3BlobStoreOptions = {
  bucket: 'rag-blobs',
  region: 'eu-west-1',
  prefix: 'stage',
  cloudFrontDomain: 'd111111abcdef8.cloudfront.net',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  clock: () => T0,
};

/** CloudFront's base64 variant: + → -, = → _, / → ~. */
const fromCloudFrontBase64 = (text: string): Buffer =>
  Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

describe('S3BlobStore urls', () => {
  const key = 'tenants/t1/objects/o1/source';

  it('maps keys to CloudFront urls under its prefix and back', () => {
    const store = new S3BlobStore(base);
    const url = `https://d111111abcdef8.cloudfront.net/stage/${key}`;
    expect(store.urlFor(key)).toBe(url);
    expect(store.keyFromUrl(url)).toBe(key);
    expect(store.keyFromUrl(`${url}?Expires=1&Signature=x`)).toBe(key);
    expect(store.keyFromUrl(`http://d111111abcdef8.cloudfront.net/stage/${key}`)).toBeNull();
    expect(store.keyFromUrl(`https://other.cloudfront.net/stage/${key}`)).toBeNull();
    expect(store.keyFromUrl(`https://d111111abcdef8.cloudfront.net/prod/${key}`)).toBeNull();
    expect(store.keyFromUrl('https://d111111abcdef8.cloudfront.net/stage/a%20b')).toBeNull();
    expect(new S3BlobStore({ ...base, prefix: undefined }).urlFor(key)).toBe(
      `https://d111111abcdef8.cloudfront.net/${key}`,
    );
    expect(() => store.urlFor('../x')).toThrow(InvalidBlobKeyError);
  });

  it('returns the unsigned url when no key pair is configured', () => {
    const store = new S3BlobStore(base);
    expect(store.signedUrl(key)).toBe(store.urlFor(key));
    expect(store.signedUrl(store.urlFor(key))).toBe(store.urlFor(key));
    expect(() => store.signedUrl('https://elsewhere.example/stage/a')).toThrow(InvalidBlobKeyError);
  });

  it('signs CloudFront urls with the key pair, expiring after the ttl', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const store = new S3BlobStore({
      ...base,
      cloudFrontKeyPairId: 'K2JCJMDEHXQW5F',
      cloudFrontPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const signed = new URL(store.signedUrl(key, 120));
    expect(`${signed.origin}${signed.pathname}`).toBe(store.urlFor(key));
    expect(signed.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    const expires = Number(signed.searchParams.get('Expires'));
    expect(expires).toBe(T0 / 1000 + 120);
    const policy = JSON.stringify({
      Statement: [{ Resource: store.urlFor(key), Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }],
    });
    const verifier = createVerify('RSA-SHA1').update(policy);
    expect(verifier.verify(publicKey, fromCloudFrontBase64(signed.searchParams.get('Signature') ?? ''))).toBe(true);
    expect(new URL(store.signedUrl(key)).searchParams.get('Expires')).toBe(String(T0 / 1000 + 900));
  });

  it('refuses half a key pair and a domain that is not a host name', () => {
    expect(() => new S3BlobStore({ ...base, cloudFrontKeyPairId: 'K2JCJMDEHXQW5F' })).toThrow('both');
    expect(() => new S3BlobStore({ ...base, cloudFrontDomain: 'https://d1.cloudfront.net' })).toThrow('host name');
    expect(() => new S3BlobStore({ ...base, prefix: '../x' })).toThrow(InvalidBlobKeyError);
  });
});

describe('S3BlobStore against a fake S3', () => {
  let s3: FakeS3;
  let store: S3BlobStore;

  beforeAll(async () => {
    s3 = await startFakeS3('rag-blobs');
    store = new S3BlobStore({ ...base, endpoint: s3.endpoint, forcePathStyle: true });
  });

  afterAll(async () => {
    store.client.destroy();
    await s3.close();
  });

  beforeEach(() => {
    s3.pageSize = 3;
    s3.objects.clear();
    s3.deleteBatches.length = 0;
  });

  it('puts, gets and checks objects under its prefix', async () => {
    const key = 'tenants/t1/objects/o1/source';
    expect(await store.exists(key)).toBe(false);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    const stored = await store.put(key, Buffer.from('hello s3'), 'text/plain; charset=utf-8');
    expect(stored).toEqual({ key, url: store.urlFor(key), sizeBytes: 8 });
    expect(s3.objects.get(`stage/${key}`)).toEqual({
      body: Buffer.from('hello s3'),
      contentType: 'text/plain; charset=utf-8',
    });
    expect(await store.exists(key)).toBe(true);
    expect((await store.get(key)).toString()).toBe('hello s3');
  });

  it('lists across pages and deletes in batches of at most 1000', async () => {
    s3.pageSize = 1000;
    for (let i = 0; i < 2005; i++) {
      s3.objects.set(`stage/tenants/t1/chunks/c${String(i).padStart(4, '0')}.txt`, {
        body: Buffer.from('x'),
        contentType: 'text/plain',
      });
    }
    s3.objects.set('stage/tenants/t2/chunks/c1.txt', { body: Buffer.from('x'), contentType: 'text/plain' });
    s3.objects.set('other/tenants/t1/chunks/c1.txt', { body: Buffer.from('x'), contentType: 'text/plain' });
    const listed = await store.list('tenants/t1/chunks/c000');
    expect(listed).toEqual([...Array(10).keys()].map((i) => `tenants/t1/chunks/c000${i}.txt`));

    await store.delete(await store.list('tenants/t1/'));
    expect(s3.deleteBatches).toEqual([1000, 1000, 5]);
    expect(await store.list('tenants/')).toEqual(['tenants/t2/chunks/c1.txt']);
    await store.delete(['tenants/t1/chunks/c0001.txt']);
  });

  it('deletes a prefix page by page and counts', async () => {
    for (let i = 0; i < 7; i++) await store.put(`tenants/t1/chunks/c${i}.txt`, Buffer.from('x'), 'text/plain');
    await store.put('tenants/t10/chunks/c1.txt', Buffer.from('x'), 'text/plain');
    expect(await store.deletePrefix('tenants/t1/')).toBe(7);
    expect(s3.deleteBatches).toEqual([3, 3, 1]);
    expect(await store.list('')).toEqual(['tenants/t10/chunks/c1.txt']);
    await expect(store.deletePrefix('')).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });
});
