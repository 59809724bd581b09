import { Global, Module } from '@nestjs/common';
import { IdentityEnv } from './identity.env';

export interface QuotaLimits {
  maxTokensPerDay: number;
  maxIngestionsPerDay: number;
  maxStorageBytes: number;
}

/** What identity's features read from the environment, validated once at boot. */
export interface IdentitySettings {
  apiKeyPepper: string;
  systemAdminEmail: string;
  systemAdminKey: string | null;
  defaultQuotas: QuotaLimits;
  usagePartitionMonthsAhead: number;
  usageRetentionDays: number;
}

export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');

export function identitySettings(env: IdentityEnv): IdentitySettings {
  return {
    apiKeyPepper: env.API_KEY_PEPPER,
    systemAdminEmail: env.SYSTEM_ADMIN_EMAIL.toLowerCase(),
    systemAdminKey: env.SYSTEM_ADMIN_KEY ?? null,
    defaultQuotas: {
      maxTokensPerDay: env.DEFAULT_MAX_TOKENS_PER_DAY,
      maxIngestionsPerDay: env.DEFAULT_MAX_INGESTIONS_PER_DAY,
      maxStorageBytes: env.DEFAULT_MAX_STORAGE_BYTES,
    },
    usagePartitionMonthsAhead: env.USAGE_PARTITION_MONTHS_AHEAD,
    usageRetentionDays: env.USAGE_RETENTION_DAYS,
  };
}

@Global()
@Module({
  providers: [{ provide: IDENTITY_SETTINGS, useFactory: identitySettings, inject: [IdentityEnv] }],
  exports: [IDENTITY_SETTINGS],
})
export class IdentitySettingsModule {}
