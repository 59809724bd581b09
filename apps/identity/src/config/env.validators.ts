import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseApiKey } from '../api-keys/api-key-format';

/** Only for development and tests: production must set its own pepper. */
export const DEV_API_KEY_PEPPER = 'dev-only-api-key-pepper-do-not-use-in-production';

export function NotDevPepperInProduction(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notDevPepperInProduction',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be set (32+ characters) when NODE_ENV is production', ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          (args.object as { NODE_ENV?: string }).NODE_ENV !== 'production' || value !== DEV_API_KEY_PEPPER,
      },
    });
}

/** A string a client can send as a bearer key: a platform key (`rag_…`) or 32–512 printable characters. */
export function IsBootstrapKey(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBootstrapKey',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be 32 to 512 printable characters (a value starting with rag_ must be a whole key)',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseApiKey(value) !== null },
    });
}
