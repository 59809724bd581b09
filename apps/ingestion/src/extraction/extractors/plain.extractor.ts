import { normalizeText } from '../normalize-text';

export function decodeUtf8(body: Buffer): string {
  // Non-fatal: a stray invalid byte becomes U+FFFD instead of failing the whole document.
  return new TextDecoder('utf-8').decode(body);
}

export function extractPlain(body: Buffer): string {
  return normalizeText(decodeUtf8(body));
}
