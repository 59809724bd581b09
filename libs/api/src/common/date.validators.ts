import { registerDecorator, ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date-time with an explicit zone: without one, `new Date` would read it in local time. */
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` naming a real day (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date such as 2026-01-31', ...options },
      validator: { validate: isCalendarDate },
    });
}

/** An ISO 8601 date-time with a zone (`Z` or `±hh:mm`), later than now. */
export function IsFutureDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFutureDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a future date-time such as 2030-01-31T12:00:00Z', ...options },
      validator: {
        validate: (value: unknown) => {
          // Date would roll 02-30 over into March: the day must exist as written.
          if (typeof value !== 'string' || !ZONED_DATE_TIME.test(value) || !isCalendarDate(value.slice(0, 10))) {
            return false;
          }
          const time = new Date(value).getTime();
          return !Number.isNaN(time) && time > Date.now();
        },
      },
    });
}
