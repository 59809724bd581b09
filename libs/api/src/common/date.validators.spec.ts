import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCalendarDate, isCalendarDate, IsFutureDateTime } from './date.validators';

class Probe {
  @IsCalendarDate()
  day?: unknown;

  @IsFutureDateTime()
  until?: unknown;
}

const problems = (plain: Record<string, unknown>) =>
  validateSync(plainToInstance(Probe, { day: '2026-01-31', until: '2999-01-01T00:00:00Z', ...plain })).map(
    (error) => error.property,
  );

describe('date validators', () => {
  it.each(['2026-01-31', '2028-02-29', '1999-12-31'])('takes the calendar date %s', (day) => {
    expect(isCalendarDate(day)).toBe(true);
  });

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-31', '2026-01-31T00:00:00Z', 20260131, ''])(
    'refuses %p as a calendar date',
    (day) => {
      expect(problems({ day })).toEqual(['day']);
    },
  );

  it.each(['2999-01-01T00:00:00Z', '2999-01-01T00:00Z', '2999-06-30T23:59:59.123456+02:00'])(
    'takes the future date-time %s',
    (until) => {
      expect(problems({ until })).toEqual([]);
    },
  );

  it.each([
    ['a past instant', '2020-01-01T00:00:00Z'],
    ['a minute ago', new Date(Date.now() - 60_000).toISOString()],
    ['no zone', '2999-01-01T00:00:00'],
    ['a date alone', '2999-01-01'],
    ['a day that does not exist', '2999-02-30T00:00:00Z'],
    ['an hour that does not exist', '2999-01-01T24:30:00Z'],
    ['a number', 32503680000000],
  ])('refuses %s as a future date-time', (_, until) => {
    expect(problems({ until })).toEqual(['until']);
  });
});
