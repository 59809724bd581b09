import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { assertBlobKey, assertBlobPrefix, assertContentType, isBlobKey } from './blob-key';
import { BlobNotFoundError, BlobStore, InvalidBlobKeyError, StoredBlob } from './blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, LocalStack); AWS when unset. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Folder of the bucket the keys live under, e.g. `rag/`; CloudFront serves the bucket root. */
  prefix?: string;
  /** Host name of the CloudFront distribution in front of the bucket, e.g. `d111111abcdef8.cloudfront.net`. */
  cloudFrontDomain: string;
  cloudFrontKeyPairId?: string;
  /** PEM of the key pair's RSA private key; without it (and the id) signedUrl returns the unsigned url. */
  cloudFrontPrivateKey?: string;
  defaultTtlSeconds?: number;
  /** The default AWS credential chain when unset. */
  credentials?: S3ClientConfig['credentials'];
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
}

const DELETE_BATCH = 1000;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** Blobs in an S3 bucket, read by clients through CloudFront (signed urls when a key pair is set). */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly origin: string;
  private readonly signer: { keyPairId: string; privateKey: string } | null;
  private readonly defaultTtlSeconds: number;
  private readonly clock: () => number;

  constructor(options: S3BlobStoreOptions) {
    const domain = options.cloudFrontDomain.toLowerCase();
    if (!HOST_NAME.test(domain))
      throw new Error(`cloudFrontDomain must be a host name, not ${options.cloudFrontDomain}`);
    const prefix = options.prefix ? assertBlobPrefix(options.prefix, true) : '';
    this.prefix = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
    this.bucket = options.bucket;
    this.origin = `https://${domain}`;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
    });
    const { cloudFrontKeyPairId: keyPairId, cloudFrontPrivateKey: privateKey } = options;
    if (Boolean(keyPairId) !== Boolean(privateKey)) {
      throw new Error('set both cloudFrontKeyPairId and cloudFrontPrivateKey, or neither');
    }
    this.signer = keyPairId && privateKey ? { keyPairId, privateKey } : null;
    this.defaultTtlSeconds = options.defaultTtlSeconds ?? 900;
    this.clock = options.clock ?? Date.now;
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredBlob> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: assertContentType(contentType),
      }),
    );
    return { key, url: this.urlFor(key), sizeBytes: body.length };
  }

  async get(key: string): Promise<Buffer> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!answer.Body) throw new BlobNotFoundError(key);
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if (statusOf(error) === 404) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.deleteObjects(keys.map((key) => this.objectKey(key)));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    await this.eachPage(prefix, async (page) => void keys.push(...page));
    return keys.map((objectKey) => objectKey.slice(this.prefix.length));
  }

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    await this.eachPage(assertBlobPrefix(prefix, true), async (page) => {
      await this.deleteObjects(page);
      deleted += page.length;
    });
    return deleted;
  }

  urlFor(key: string): string {
    return `${this.origin}/${this.objectKey(key)}`;
  }

  keyFromUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const path = `/${this.prefix}`;
    if (parsed.origin !== this.origin || !parsed.pathname.startsWith(path)) return null;
    const key = parsed.pathname.slice(path.length);
    return isBlobKey(key) ? key : null;
  }

  signedUrl(urlOrKey: string, ttlSeconds = this.defaultTtlSeconds): string {
    const key = urlOrKey.includes('://') ? this.keyFromUrl(urlOrKey) : assertBlobKey(urlOrKey);
    if (key === null) throw new InvalidBlobKeyError(urlOrKey, 'not a url of this blob store');
    const url = this.urlFor(key);
    if (!this.signer) return url;
    const expiresAt = (Math.floor(this.clock() / 1000) + Math.max(1, Math.floor(ttlSeconds))) * 1000;
    return getSignedUrl({ url, ...this.signer, dateLessThan: new Date(expiresAt) });
  }

  private objectKey(key: string): string {
    return `${this.prefix}${assertBlobKey(key)}`;
  }

  /** Object keys (with the store's prefix) under `prefix`, a page of at most 1000 at a time. */
  private async eachPage(prefix: string, visit: (objectKeys: string[]) => Promise<void>): Promise<void> {
    const Prefix = `${this.prefix}${assertBlobPrefix(prefix)}`;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix, ContinuationToken }));
      const keys = (page.Contents ?? []).map((object) => object.Key).filter((key): key is string => Boolean(key));
      if (keys.length > 0) await visit(keys);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  private async deleteObjects(objectKeys: string[]): Promise<void> {
    for (let start = 0; start < objectKeys.length; start += DELETE_BATCH) {
      const batch = objectKeys.slice(start, start + DELETE_BATCH);
      const answer = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = answer.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(`could not delete ${failed.length} blob(s), e.g. ${first.Key}: ${first.Code} ${first.Message}`);
      }
    }
  }
}
