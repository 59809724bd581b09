import { InvalidBlobKeyError } from './blob-store';

const KEY_CHARACTERS = /^[A-Za-z0-9._/-]+$/;
const MAX_KEY_LENGTH = 1024;

function problemOf(value: string, isPrefix: boolean): string | null {
  if (value === '') return 'must not be empty';
  if (value.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (!KEY_CHARACTERS.test(value)) return 'only letters, digits, ".", "_", "-" and "/" are allowed';
  if (value.startsWith('/')) return 'must not start with "/"';
  const segments = value.split('/');
  // A prefix may end with "/" (an empty last segment); a key may not.
  const checked = isPrefix ? segments.slice(0, -1) : segments;
  if (checked.some((segment) => segment === '')) return 'must not contain empty segments ("//" or a trailing "/")';
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'must not contain "." or ".." segments';
  return null;
}

/** Throws InvalidBlobKeyError unless `key` is a safe, relative, slash-separated key. */
export function assertBlobKey(key: string): string {
  const problem = typeof key === 'string' ? problemOf(key, false) : 'must be a string';
  if (problem) throw new InvalidBlobKeyError(String(key), problem);
  return key;
}

/** Like assertBlobKey, but allows a trailing "/" and, unless `nonEmpty`, the empty prefix. */
export function assertBlobPrefix(prefix: string, nonEmpty = false): string {
  if (prefix === '' && !nonEmpty) return prefix;
  const problem = typeof prefix === 'string' ? problemOf(prefix, true) : 'must be a string';
  if (problem) throw new InvalidBlobKeyError(String(prefix), problem);
  return prefix;
}

export function isBlobKey(key: string): boolean {
  return typeof key === 'string' && problemOf(key, false) === null;
}

const CONTENT_TYPE = /^[\w!#$&^.+-]{1,127}\/[\w!#$&^.+-]{1,127}(\s*;[\x20-\x7e]{0,256})?$/;

/** Throws unless `contentType` is a `type/subtype[; params]` that is safe to send back as a header. */
export function assertContentType(contentType: string): string {
  if (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType)) {
    throw new Error(`invalid content type ${JSON.stringify(String(contentType).slice(0, 100))}`);
  }
  return contentType;
}
