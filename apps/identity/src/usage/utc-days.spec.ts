import { addDays, daysInRange, utcDay } from './utc-days';

describe('utc days', () => {
  it('takes the UTC day of an instant, whatever its offset', () => {
    expect(utcDay(new Date('2026-01-31T23:30:00-05:00'))).toBe('2026-02-01');
    expect(utcDay(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-30', -29)).toBe('2026-01-01');
  });

  it('counts the days of a range, both ends included', () => {
    expect(daysInRange('2026-01-01', '2026-01-01')).toBe(1);
    expect(daysInRange('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysInRange('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysInRange('2026-01-02', '2026-01-01')).toBe(0);
  });
});
