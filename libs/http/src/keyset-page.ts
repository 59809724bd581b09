import { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, isCursorTimestamp, isCursorUuid, Page, toPage } from './keyset-cursor';

/**
 * One page of `builder`'s rows in (created_at, id) order: the keyset of every list endpoint.
 * The cursor keeps created_at to the microsecond: a JS Date stops at the millisecond, and a
 * truncated key would skip rows of the same millisecond on the next page.
 */
export async function pageByCreatedAt<E extends { id: string }, V>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  page: { limit: number; cursor?: string },
  order: 'ASC' | 'DESC',
  view: (row: E) => V,
): Promise<Page<V>> {
  if (page.cursor) {
    const key = decodeCursor(page.cursor, ['createdAt', 'id'], { createdAt: isCursorTimestamp, id: isCursorUuid });
    builder.andWhere(
      `(${alias}.createdAt, ${alias}.id) ${order === 'ASC' ? '>' : '<'} (CAST(:cursorCreatedAt AS timestamp), CAST(:cursorId AS uuid))`,
      { cursorCreatedAt: key.createdAt.replace(/Z$/, ''), cursorId: key.id },
    );
  }
  const { entities, raw } = await builder
    .addSelect(`to_char(${alias}.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.US')`, 'cursor_created_at')
    .orderBy(`${alias}.createdAt`, order)
    .addOrderBy(`${alias}.id`, order)
    .limit(page.limit + 1)
    .getRawAndEntities<{ cursor_created_at: string }>();
  const keyed = entities.map((row, index) => ({ row, createdAt: raw[index].cursor_created_at }));
  return toPage(
    keyed,
    page.limit,
    ({ row, createdAt }) => ({ createdAt, id: row.id }),
    ({ row }) => view(row),
  );
}
