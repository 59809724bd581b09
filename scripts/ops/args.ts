/** Bad command-line input: the usage is printed and the exit code is 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show; the general usage when absent. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function integerFlag(
  flag: string,
  value: unknown,
  { fallback, min, max }: { fallback: number; min: number; max: number },
): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${String(value)}"`);
  }
  return number;
}

/** A string flag given once with a non-empty value, or undefined. */
export function textFlag(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value.trim();
}

export function oneOfFlag<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T | undefined {
  const text = textFlag(flag, value);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${text}"`);
  }
  return text as T;
}

export function uuidArgument(name: string, value: string): string {
  if (!UUID.test(value)) throw new UsageError(`${name} must be a UUID, got "${value}"`);
  return value.toLowerCase();
}
