import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@rag/config';
import { BlobStoreEnv, DEFAULT_BLOB_DIR, DEV_BLOB_SIGNING_SECRET, REPO_ROOT } from './blob-store.env';
import { blobStoreFromEnv } from './blob-store.factory';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

const S3_ENV = {
  BLOB_STORE: 's3',
  S3_BUCKET: 'rag-blobs',
  S3_REGION: 'eu-west-1',
  CLOUDFRONT_DOMAIN: 'cdn.example.com',
};

function problems(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(BlobStoreEnv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('BlobStoreEnv', () => {
  it('defaults to a local store in .data/blobs served by the gateway', () => {
    const env = loadConfig(BlobStoreEnv, {});
    expect(env).toMatchObject({
      BLOB_STORE: 'local',
      BLOB_DIR: join(REPO_ROOT, '.data', 'blobs'),
      BLOB_PUBLIC_URL: 'http://localhost:3000/v1/blobs',
      BLOB_SIGNING_SECRET: DEV_BLOB_SIGNING_SECRET,
      BLOB_URL_TTL_SECONDS: 900,
      S3_FORCE_PATH_STYLE: false,
      DB_POOL_SIZE: 10,
    });
    expect(DEFAULT_BLOB_DIR).toBe(join(REPO_ROOT, '.data', 'blobs'));
    const store = blobStoreFromEnv(env);
    expect(store).toBeInstanceOf(LocalBlobStore);
    expect(store.urlFor('a/b')).toBe('http://localhost:3000/v1/blobs/a/b');
  });

  it('reads an S3 store, converting numbers, booleans and escaped PEM line breaks', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const env = loadConfig(BlobStoreEnv, {
      ...S3_ENV,
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      BLOB_URL_TTL_SECONDS: '60',
      CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
      CLOUDFRONT_PRIVATE_KEY: pem.replace(/\n/g, '\\n'),
    });
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
    expect(env.BLOB_URL_TTL_SECONDS).toBe(60);
    const store = blobStoreFromEnv(env);
    expect(store).toBeInstanceOf(S3BlobStore);
    expect(store.urlFor('a/b')).toBe('https://cdn.example.com/a/b');
    expect(new URL(store.signedUrl('a/b')).searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    expect(loadConfig(BlobStoreEnv, { ...S3_ENV, S3_FORCE_PATH_STYLE: 'false' }).S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('resolves a relative BLOB_DIR from the repository root', async () => {
    const store = blobStoreFromEnv(loadConfig(BlobStoreEnv, { BLOB_DIR: '.data/test-blobs-env-spec' }));
    expect(await store.list('')).toEqual([]);
    expect(store.keyFromUrl('http://localhost:3000/v1/blobs/x')).toBe('x');
  });

  it.each([
    [{ BLOB_STORE: 'gcs' }, 'BLOB_STORE must be one of the following values'],
    [{ BLOB_SIGNING_SECRET: 'too-short' }, 'BLOB_SIGNING_SECRET must be longer than or equal to 32 characters'],
    [{ NODE_ENV: 'production' }, 'BLOB_SIGNING_SECRET must be set (32+ characters) when NODE_ENV is production'],
    [{ BLOB_URL_TTL_SECONDS: '0' }, 'BLOB_URL_TTL_SECONDS must not be less than 1'],
    [{ BLOB_URL_TTL_SECONDS: '1.5' }, 'BLOB_URL_TTL_SECONDS must be an integer number'],
    [{ BLOB_PUBLIC_URL: 'localhost:3000/v1/blobs' }, 'BLOB_PUBLIC_URL must be a URL address'],
    [{ BLOB_STORE: 's3' }, 'S3_BUCKET must be a bucket name'],
    [{ ...S3_ENV, S3_REGION: 'Europe' }, 'S3_REGION must be an AWS region'],
    [{ ...S3_ENV, CLOUDFRONT_DOMAIN: 'https://cdn.example.com' }, 'CLOUDFRONT_DOMAIN must be a host name'],
    [{ ...S3_ENV, S3_FORCE_PATH_STYLE: 'maybe' }, 'S3_FORCE_PATH_STYLE must be a boolean value'],
    [{ ...S3_ENV, CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F' }, 'CLOUDFRONT_PRIVATE_KEY must be a PEM private key'],
    [{ ...S3_ENV, CLOUDFRONT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----' }, 'CLOUDFRONT_KEY_PAIR_ID must be set'],
  ])('refuses %j', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it('keeps the secret out of its messages and accepts the dev secret outside production or with S3', () => {
    expect(problems({ BLOB_SIGNING_SECRET: 'tiny-secret-value' })).not.toContain('tiny-secret-value');
    expect(loadConfig(BlobStoreEnv, { NODE_ENV: 'development' }).BLOB_SIGNING_SECRET).toBe(DEV_BLOB_SIGNING_SECRET);
    expect(loadConfig(BlobStoreEnv, { ...S3_ENV, NODE_ENV: 'production' }).BLOB_STORE).toBe('s3');
    const secret = 'p'.repeat(32);
    expect(loadConfig(BlobStoreEnv, { NODE_ENV: 'production', BLOB_SIGNING_SECRET: secret }).BLOB_SIGNING_SECRET).toBe(
      secret,
    );
  });
});
