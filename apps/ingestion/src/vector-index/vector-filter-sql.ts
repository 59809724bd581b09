import { VectorFilter } from './vector-records';
import { checkTag, uuidOf } from './vector-input';

/** A SQL string literal: quotes doubled (the values are validated before, this is the second guard). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlIn(column: string, values: string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}

/**
 * The LanceDB (DataFusion) predicate of a filter: undefined when it matches everything, null when
 * it matches nothing (an empty list), so a search need not run.
 */
export function vectorFilterSql(filter: VectorFilter = {}): string | undefined | null {
  const { objectIds, dataSourceIds, tags } = filter;
  if ([objectIds, dataSourceIds, tags].some((list) => list?.length === 0)) return null;
  const clauses: string[] = [];
  if (objectIds) clauses.push(sqlIn('object_id', unique(objectIds.map((id) => uuidOf(id, 'objectId')))));
  if (dataSourceIds) {
    clauses.push(sqlIn('data_source_id', unique(dataSourceIds.map((id) => uuidOf(id, 'dataSourceId')))));
  }
  if (tags) clauses.push(`array_has_any(tags, [${unique(tags.map(checkTag)).map(sqlString).join(', ')}])`);
  return clauses.length ? clauses.join(' AND ') : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
