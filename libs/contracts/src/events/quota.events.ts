import { IsInt, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A tenant's quotas after the change; the resource id is the tenant id (tenant_quotas' key). */
export class TenantQuotaUpdatedData {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxTokensPerDay!: number;

  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  maxIngestionsPerDay!: number;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxStorageBytes!: number;
}

export const TenantQuotaUpdated = defineEvent({
  type: 'tenant_quota.updated',
  version: 1,
  source: 'identity',
  resourceType: 'tenant_quota',
  data: TenantQuotaUpdatedData,
});
