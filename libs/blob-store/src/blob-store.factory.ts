import { isAbsolute, resolve } from 'node:path';
import { BlobStore } from './blob-store';
import { BlobStoreEnv, REPO_ROOT } from './blob-store.env';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The variables the factory reads: a BlobStoreEnv, or an app env extending it. */
export type BlobStoreSettings = Pick<
  BlobStoreEnv,
  | 'BLOB_STORE'
  | 'BLOB_DIR'
  | 'BLOB_PUBLIC_URL'
  | 'BLOB_SIGNING_SECRET'
  | 'BLOB_URL_TTL_SECONDS'
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ENDPOINT'
  | 'S3_FORCE_PATH_STYLE'
  | 'CLOUDFRONT_DOMAIN'
  | 'CLOUDFRONT_KEY_PAIR_ID'
  | 'CLOUDFRONT_PRIVATE_KEY'
>;

/** The store the (validated) environment asks for. */
export function blobStoreFromEnv(env: BlobStoreSettings): BlobStore {
  if (env.BLOB_STORE === 's3') {
    if (!env.S3_BUCKET || !env.S3_REGION || !env.CLOUDFRONT_DOMAIN) {
      throw new Error('BLOB_STORE=s3 needs S3_BUCKET, S3_REGION and CLOUDFRONT_DOMAIN');
    }
    return new S3BlobStore({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      cloudFrontDomain: env.CLOUDFRONT_DOMAIN,
      cloudFrontKeyPairId: env.CLOUDFRONT_KEY_PAIR_ID,
      cloudFrontPrivateKey: env.CLOUDFRONT_PRIVATE_KEY?.replace(/\\n/g, '\n'),
      defaultTtlSeconds: env.BLOB_URL_TTL_SECONDS,
    });
  }
  return new LocalBlobStore({
    rootDir: isAbsolute(env.BLOB_DIR) ? env.BLOB_DIR : resolve(REPO_ROOT, env.BLOB_DIR),
    publicBaseUrl: env.BLOB_PUBLIC_URL,
    signingSecret: env.BLOB_SIGNING_SECRET,
    defaultTtlSeconds: env.BLOB_URL_TTL_SECONDS,
  });
}
