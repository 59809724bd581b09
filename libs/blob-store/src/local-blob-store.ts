import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobKey, assertBlobPrefix, assertContentType, isBlobKey } from './blob-key';
import { BlobNotFoundError, BlobStore, InvalidBlobKeyError, StoredBlob } from './blob-store';
import { UrlSigner } from './url-signature';

export interface LocalBlobStoreOptions {
  rootDir: string;
  /** Where the gateway serves the blobs, e.g. `http://localhost:3000/v1/blobs`. */
  publicBaseUrl: string;
  /** Key of the HMAC that signs expiring urls; 32+ characters. */
  signingSecret: string;
  defaultTtlSeconds?: number;
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
}

export interface OpenedBlob {
  stream: Readable;
  sizeBytes: number;
  contentType: string;
}

// "~" is not a key character, so these suffixes never collide with a key's file.
const META_SUFFIX = '~meta.json';
const TEMP_MARK = '~tmp-';
const DELETE_CONCURRENCY = 64;
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

const isMissing = (error: unknown): boolean => MISSING.has((error as NodeJS.ErrnoException).code ?? '');

/** Blobs as files under rootDir (development and tests); the gateway serves them at publicBaseUrl. */
export class LocalBlobStore implements BlobStore {
  private readonly rootDir: string;
  private readonly baseUrl: URL;
  private readonly signer: UrlSigner;
  private readonly defaultTtlSeconds: number;
  private readonly clock: () => number;

  constructor(options: LocalBlobStoreOptions) {
    this.rootDir = resolve(options.rootDir);
    this.baseUrl = new URL(options.publicBaseUrl.replace(/\/+$/, ''));
    this.signer = new UrlSigner(options.signingSecret);
    this.defaultTtlSeconds = options.defaultTtlSeconds ?? 900;
    this.clock = options.clock ?? Date.now;
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredBlob> {
    const file = this.pathOf(key);
    assertContentType(contentType);
    await this.writeAtomic(`${file}${META_SUFFIX}`, JSON.stringify({ contentType }));
    await this.writeAtomic(file, body);
    return { key, url: this.urlFor(key), sizeBytes: body.length };
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  /** The blob as a stream with its size and content type, for serving it; throws BlobNotFoundError. */
  async open(key: string): Promise<OpenedBlob> {
    const file = this.pathOf(key);
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new BlobNotFoundError(key);
      const contentType = await this.contentTypeOf(file);
      return { stream: createReadStream('', { fd: handle }), sizeBytes: info.size, contentType };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    const files = keys.map((key) => this.pathOf(key));
    for (let start = 0; start < files.length; start += DELETE_CONCURRENCY) {
      await Promise.all(files.slice(start, start + DELETE_CONCURRENCY).map((file) => this.deleteFile(file)));
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertBlobPrefix(prefix);
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const keys = await this.walk(join(this.rootDir, folder));
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(assertBlobPrefix(prefix, true));
    await this.delete(keys);
    return keys.length;
  }

  urlFor(key: string): string {
    return `${this.baseUrl.href.replace(/\/+$/, '')}/${assertBlobKey(key)}`;
  }

  keyFromUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const basePath = this.baseUrl.pathname.replace(/\/+$/, '');
    if (parsed.origin !== this.baseUrl.origin || !parsed.pathname.startsWith(`${basePath}/`)) return null;
    const key = parsed.pathname.slice(basePath.length + 1);
    return isBlobKey(key) ? key : null;
  }

  signedUrl(urlOrKey: string, ttlSeconds = this.defaultTtlSeconds): string {
    const key = urlOrKey.includes('://') ? this.keyFromUrl(urlOrKey) : assertBlobKey(urlOrKey);
    if (key === null) throw new InvalidBlobKeyError(urlOrKey, 'not a url of this blob store');
    const expires = Math.floor(this.clock() / 1000) + Math.max(1, Math.floor(ttlSeconds));
    return `${this.urlFor(key)}?expires=${expires}&signature=${this.signer.sign(key, expires)}`;
  }

  /** True when `signature` signs `key` with an `expires` (unix seconds) still in the future. */
  verifySignature(key: string, expires: unknown, signature: unknown): boolean {
    return isBlobKey(key) && this.signer.verify(key, expires, signature, Math.floor(this.clock() / 1000));
  }

  /** Seconds until `expires` (unix seconds), at least 0. */
  secondsUntil(expires: string): number {
    return Math.max(0, Number(expires) - Math.floor(this.clock() / 1000));
  }

  private pathOf(key: string): string {
    const file = resolve(this.rootDir, assertBlobKey(key));
    if (!file.startsWith(`${this.rootDir}${sep}`)) throw new InvalidBlobKeyError(key, 'outside the store');
    return file;
  }

  private async contentTypeOf(file: string): Promise<string> {
    try {
      const meta = JSON.parse(await readFile(`${file}${META_SUFFIX}`, 'utf8')) as { contentType?: unknown };
      if (typeof meta.contentType === 'string' && meta.contentType) return meta.contentType;
    } catch {
      // no (readable) sidecar: serve it as opaque bytes
    }
    return 'application/octet-stream';
  }

  /** Temp file + rename, so readers see the old bytes or the new ones, never a part. */
  private async writeAtomic(file: string, data: Buffer | string): Promise<void> {
    const temp = `${file}${TEMP_MARK}${randomBytes(6).toString('hex')}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(temp, data, { flag: 'wx' });
        break;
      } catch (error) {
        // A concurrent delete may prune the just-created folder: make it again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
      }
    }
    try {
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  private async deleteFile(file: string): Promise<void> {
    await rm(file, { force: true });
    await rm(`${file}${META_SUFFIX}`, { force: true });
    await this.pruneEmptyFolders(dirname(file));
  }

  private async pruneEmptyFolders(folder: string): Promise<void> {
    for (let current = folder; current.startsWith(`${this.rootDir}${sep}`); current = dirname(current)) {
      try {
        await rmdir(current);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return; // not empty: stop climbing
      }
    }
  }

  private async walk(folder: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) keys.push(...(await this.walk(path)));
      else if (entry.isFile() && !entry.name.includes('~'))
        keys.push(relative(this.rootDir, path).split(sep).join('/'));
    }
    return keys;
  }
}
