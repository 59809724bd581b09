import { AuthRefusedError } from './auth.errors';

/** Visible ASCII without spaces, as long as identity accepts: anything else cannot be a key. */
const BEARER = /^Bearer +([\x21-\x7e]{1,1024}) *$/i;

/** The key of an `Authorization: Bearer <key>` header (RFC 6750), or why there is none. */
export function bearerToken(header: string | string[] | undefined): string {
  if (header === undefined || header === '') throw new AuthRefusedError('missing_key');
  if (typeof header !== 'string') throw new AuthRefusedError('malformed_key');
  const match = BEARER.exec(header);
  if (!match) throw new AuthRefusedError('malformed_key');
  return match[1];
}
