import { addMonths, monthStart } from '@rag/database';

/** A range partition's bounds; null stands for MINVALUE / MAXVALUE. */
export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

const RANGE = /^FOR VALUES FROM \((.+)\) TO \((.+)\)$/;

function boundInstant(text: string): Date | null | undefined {
  if (text === 'MINVALUE' || text === 'MAXVALUE') return null;
  const quoted = /^'([^']*)'$/.exec(text);
  if (!quoted) return undefined; // several key columns, or not a literal
  // '2026-01-01', '2026-01-01 00:00:00' or '2026-01-01 00:00:00+00': UTC unless a zone is given.
  const [date, time] = quoted[1].split(' ');
  const zoned = time !== undefined && /([zZ]|[+-]\d\d(:?\d\d)?)$/.test(time);
  const withZone = time === undefined ? date : `${date}T${time.replace(/([+-]\d\d)$/, '$1:00')}${zoned ? '' : 'Z'}`;
  const instant = Date.parse(withZone);
  return Number.isNaN(instant) ? undefined : new Date(instant);
}

/**
 * A partition bound as pg_get_expr(relpartbound) prints it: 'default', a time range, or
 * undefined for bounds that are not one time column (list, hash, numbers, several columns).
 */
export function parsePartitionBound(bound: string): TimeRange | 'default' | undefined {
  if (bound === 'DEFAULT') return 'default';
  const match = RANGE.exec(bound);
  if (!match) return undefined;
  const from = boundInstant(match[1]);
  const to = boundInstant(match[2]);
  return from === undefined || to === undefined ? undefined : { from, to };
}

function coveredUntil(ranges: TimeRange[], start: Date, end: Date): boolean {
  let cursor = start;
  while (cursor < end) {
    const next = ranges.find((r) => (r.from === null || r.from <= cursor) && (r.to === null || r.to > cursor));
    if (!next) return false;
    if (next.to === null) return true;
    cursor = next.to;
  }
  return true;
}

/** 'YYYY-MM' of `month`. */
export function monthLabel(month: Date): string {
  return month.toISOString().slice(0, 7);
}

/** The months from now's to `monthsAhead` later (as the apps create them) that the ranges leave uncovered. */
export function missingMonths(ranges: TimeRange[], now: Date, monthsAhead: number): string[] {
  const missing: string[] = [];
  for (let offset = 0; offset <= monthsAhead; offset++) {
    const month = addMonths(monthStart(now), offset);
    if (!coveredUntil(ranges, month, addMonths(month, 1))) missing.push(monthLabel(month));
  }
  return missing;
}
