import { randomBytes } from 'node:crypto';

/**
 * Platform keys are `rag_<key id: 32 hex>_<secret: 32 random bytes, base64url>`: the id finds
 * the row, the secret is checked against its HMAC. A bootstrap key (SYSTEM_ADMIN_KEY) may be
 * any other string of 32–512 visible ASCII characters; it is found by an id derived from it.
 */
const PLATFORM_KEY = /^rag_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const BOOTSTRAP_KEY = /^[\x21-\x7e]{32,512}$/;

export type ParsedApiKey = { kind: 'platform'; id: string; secret: string } | { kind: 'bootstrap'; key: string };

export function hexToUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** null when `key` can be neither (answered as `malformed_key`). */
export function parseApiKey(key: string): ParsedApiKey | null {
  const platform = PLATFORM_KEY.exec(key);
  if (platform) return { kind: 'platform', id: hexToUuid(platform[1]), secret: platform[2] };
  if (key.startsWith('rag_') || !BOOTSTRAP_KEY.test(key)) return null;
  return { kind: 'bootstrap', key };
}

export function newKeySecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatApiKey(id: string, secret: string): string {
  return `rag_${id.replace(/-/g, '')}_${secret}`;
}
