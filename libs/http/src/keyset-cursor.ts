import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, fields: readonly K[]): Record<K, string> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (fields.every((field) => typeof parsed[field] === 'string')) return parsed as Record<K, string>;
  } catch {
    // fall through to the client error below
  }
  throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_cursor', 'cursor is not one this API returned');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
