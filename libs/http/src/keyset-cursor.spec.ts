import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';
import { decodeCursor, encodeCursor, isCursorTimestamp, isCursorUuid, toPage } from './keyset-cursor';

function cursorError(
  cursor: string,
  fields: readonly string[],
  checks: Record<string, (value: string) => boolean> = {},
): ApiError {
  try {
    decodeCursor(cursor, fields, checks);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('keyset cursors', () => {
  const key = { createdAt: '2026-11-18T08:00:00.123456Z', id: '5d2f4a86-0f0b-4c6e-9a57-3b8f0c1d2e3f' };

  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor(key), ['createdAt', 'id'])).toEqual(key);
  });

  it('is URL-safe and opaque', () => {
    const cursor = encodeCursor({ name: 'ü?&/+= ~'.repeat(20), id: '>>>???' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('name');
    expect(decodeCursor(cursor, ['name', 'id']).name).toBe('ü?&/+= ~'.repeat(20));
  });

  it('reads only the requested fields and tolerates extra ones', () => {
    expect(decodeCursor(encodeCursor(key), ['id'])).toMatchObject({ id: key.id });
  });

  it.each([
    ['a key without a requested field', raw({ id: key.id }), ['createdAt', 'id']],
    ['a field that is not a string', raw({ createdAt: 1_700_000_000, id: key.id }), ['createdAt', 'id']],
    ['a null field', raw({ createdAt: null, id: key.id }), ['createdAt', 'id']],
    ['JSON null', raw(null), ['id']],
    ['a JSON string', raw('id'), ['length']],
    ['bytes that are not JSON', Buffer.from('{"id": "x"').toString('base64url'), ['id']],
    ['an empty cursor', '', ['id']],
    ['text that is not base64url', '!!!not-a-cursor!!!', ['id']],
  ])('answers 400 invalid_cursor for %s', (_, cursor, fields) => {
    const error = cursorError(cursor as string, fields as string[]);
    expect(error.getStatus()).toBe(HttpStatus.BAD_REQUEST);
    expect(error.getResponse()).toEqual({
      error: { code: 'invalid_cursor', message: 'cursor is not one this API returned', details: undefined },
    });
  });
});

describe('cursor field checks', () => {
  const id = '5d2f4a86-0f0b-4c6e-9a57-3b8f0c1d2e3f';
  const checks = { createdAt: isCursorTimestamp, id: isCursorUuid };

  it('accepts real timestamps and UUIDs', () => {
    for (const createdAt of [
      '2026-11-18T08:00:00',
      '2026-11-18T08:00:00Z',
      '2026-11-18T08:00:00.123456Z',
      '2024-02-29T23:59:59.1',
    ]) {
      expect(decodeCursor(encodeCursor({ createdAt, id }), ['createdAt', 'id'], checks)).toEqual({ createdAt, id });
    }
    expect(isCursorUuid(id.toUpperCase())).toBe(true);
  });

  it.each([
    ['createdAt', '2026-02-30T00:00:00Z'],
    ['createdAt', '2025-02-29T00:00:00Z'],
    ['createdAt', '2026-11-18T24:00:00Z'],
    ['createdAt', '2026-11-18 08:00:00'],
    ['createdAt', '2026-11-18T08:00:00.1234567Z'],
    ['createdAt', '2026-11-18T08:00:00+02:00'],
    ['createdAt', "2026-11-18T08:00:00Z'; --"],
    ['id', 'not-a-uuid'],
    ['id', `${id}0`],
  ])('answers 400 for a forged %s %j', (field, value) => {
    const cursor = encodeCursor({ createdAt: '2026-11-18T08:00:00Z', id, [field]: value });
    expect(cursorError(cursor, ['createdAt', 'id'], checks).getStatus()).toBe(400);
    expect(decodeCursor(cursor, ['createdAt', 'id'])).toHaveProperty(field, value);
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ n, key: `k${n}` }));
  const keyOf = (row: { n: number; key: string }) => ({ key: row.key });
  const view = (row: { n: number; key: string }) => row.n * 10;

  it('shows limit rows and a cursor at the last one shown when there is more', () => {
    const page = toPage(rows, 3, keyOf, view);
    expect(page.items).toEqual([10, 20, 30]);
    expect(decodeCursor(page.nextCursor!, ['key'])).toEqual({ key: 'k3' });
  });

  it('has no next cursor on the last page', () => {
    expect(toPage(rows, 4, keyOf, view)).toEqual({ items: [10, 20, 30, 40], nextCursor: null });
    expect(toPage(rows.slice(0, 2), 3, keyOf, view)).toEqual({ items: [10, 20], nextCursor: null });
    expect(toPage([], 3, keyOf, view)).toEqual({ items: [], nextCursor: null });
  });
});
