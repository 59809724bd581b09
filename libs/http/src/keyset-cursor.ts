import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';

type FieldCheck = (value: string) => boolean;

/** Checks of common cursor fields, for decodeCursor's `checks`. */
export const isCursorUuid: FieldCheck = (value) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A UTC timestamp as a real calendar time, `YYYY-MM-DDTHH:MM:SS[.ffffff][Z]`. */
export const isCursorTimestamp: FieldCheck = (value) => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?$/.test(value)) return false;
  const date = new Date(`${value.slice(0, 19)}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === value.slice(0, 19);
};

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Decodes a cursor this API returned. `checks` validates field values, so a forged cursor is a
 * 400 rather than a database error.
 */
export function decodeCursor<K extends string>(
  cursor: string,
  fields: readonly K[],
  checks: Partial<Record<K, FieldCheck>> = {},
): Record<K, string> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const valid = fields.every((field) => {
      const value = parsed?.[field];
      return typeof value === 'string' && (checks[field]?.(value) ?? true);
    });
    if (valid) return parsed as Record<K, string>;
  } catch {
    // fall through to the client error below
  }
  throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_cursor', 'cursor is not one this API returned');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only says there is more;
 * the cursor is the sort key of the last row shown.
 */
export function toPage<R, V>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => Record<string, string>,
  view: (row: R) => V,
): Page<V> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items: items.map(view), nextCursor };
}
