import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

export const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/** true/1/yes or false/0/no, read from the raw variable (implicit conversion makes any string true). */
export const envBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const value = obj[key];
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
};

/** An http(s) URL, host names without a TLD allowed (service addresses such as http://identity:3101). */
export const IsHttpUrl = (): PropertyDecorator =>
  IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] });

/** Variables every app reads; each app's env class extends this one. */
export class PlatformEnv {
  /** Server URL without a database name; each app appends its own database. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/';

  /** Prefix of every app database name, so tests and several stacks can share one server. */
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'DB_NAME_PREFIX must be lower-case letters, digits or _' })
  DB_NAME_PREFIX = 'rag_';

  @Matches(/^[a-z][a-z0-9_]*$/)
  DB_SCHEMA = 'public';

  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  @Transform(splitList)
  @IsString({ each: true })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsOptional()
  @Matches(/^[a-z0-9-]+$/)
  KAFKA_CLIENT_ID?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';

  /** OTLP/HTTP endpoint for traces; tracing export is off when unset. */
  @IsOptional()
  @IsHttpUrl()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsString()
  HOST = '127.0.0.1';
}
