import { IsEmail, IsInt, IsOptional, IsString, Max, MinLength, Min } from 'class-validator';
import { PlatformEnv } from '@rag/config';
import { DEV_API_KEY_PEPPER, IsBootstrapKey, NotDevPepperInProduction } from './config/env.validators';
import { Secret } from './config/secret.decorator';

export class IdentityEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  IDENTITY_PORT: number = 3101;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Key of the HMAC that API-key secrets are stored under; changing it invalidates every key. */
  @Secret()
  @IsString()
  @MinLength(32)
  @NotDevPepperInProduction()
  API_KEY_PEPPER = DEV_API_KEY_PEPPER;

  /** The first system admin, ensured at boot. */
  @IsEmail({ require_tld: false })
  SYSTEM_ADMIN_EMAIL = 'admin@localhost';

  /** Its bootstrap system key; generated and printed once when unset. */
  @Secret()
  @IsOptional()
  @IsBootstrapKey()
  SYSTEM_ADMIN_KEY?: string;

  /** Quotas a new tenant starts with. */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  DEFAULT_MAX_TOKENS_PER_DAY: number = 1_000_000;

  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  DEFAULT_MAX_INGESTIONS_PER_DAY: number = 1000;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  DEFAULT_MAX_STORAGE_BYTES: number = 10_737_418_240;

  /** Monthly partitions of usage_metrics kept ready ahead of the current month. */
  @IsInt()
  @Min(1)
  @Max(24)
  USAGE_PARTITION_MONTHS_AHEAD: number = 3;

  /** Monthly partitions of usage_metrics wholly older than this are dropped (billing history). */
  @IsInt()
  @Min(31)
  @Max(36500)
  USAGE_RETENTION_DAYS: number = 730;
}
