import { types } from 'pg';

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/**
 * The spec's columns are TIMESTAMP (without time zone). Sessions run in UTC (see
 * data-source.ts), so these values are UTC; parse them as such instead of as local time.
 */
export function parseTimestampsAsUtc(): void {
  types.setTypeParser(TIMESTAMP_WITHOUT_TIME_ZONE, (value) => new Date(`${value.replace(' ', 'T')}Z`));
}
