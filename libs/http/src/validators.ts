import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/** A plain JSON object whose serialised form is at most `maxBytes` (metadata columns). */
export function IsJsonObject(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isJsonObject',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a JSON object of at most ${maxBytes} bytes`, ...options },
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Buffer.byteLength(JSON.stringify(value)) <= maxBytes,
      },
    });
}

/** Trims strings; leaves other types for the type validators to reject. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A printable single-line string (no control characters). */
export const PRINTABLE = /^[^\p{Cc}]*$/u;

/**
 * Like IsOptional, but only an absent field skips validation: an explicit `null` is checked
 * (and so rejected) like any other value, instead of reaching a NOT NULL column.
 */
export const IsOptionalNonNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
