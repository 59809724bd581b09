export interface StoredBlob {
  key: string;
  /** Permanent, unsigned address of the blob: the value kept in `*_cloudfront_url` columns. */
  url: string;
  sizeBytes: number;
}

/**
 * Where the platform keeps object sources and chunk texts, keyed like
 * `tenants/<tenantId>/objects/<objectId>/source` (see blob-key.ts for the rules).
 */
export interface BlobStore {
  /** Writes (overwrites) the blob; url is the permanent, unsigned address stored in *cloudfront_url columns. */
  put(key: string, body: Buffer, contentType: string): Promise<StoredBlob>;
  /** Throws BlobNotFoundError when there is no such blob. */
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: missing keys are not an error. */
  delete(keys: string[]): Promise<void>;
  /** Keys currently stored under a prefix (a plain string prefix: end it with `/` to mean a folder). */
  list(prefix: string): Promise<string[]>;
  /** Deletes every blob under a non-empty prefix; returns how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /** Permanent unsigned url. */
  urlFor(key: string): string;
  /** The key of one of this store's urls; null when the url is not this store's. */
  keyFromUrl(url: string): string | null;
  /** An expiring url clients can fetch; throws for a url that is not this store's. */
  signedUrl(urlOrKey: string, ttlSeconds?: number): string;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`blob ${key} was not found`);
    this.name = 'BlobNotFoundError';
  }
}

export class InvalidBlobKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid blob key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}
