import { IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const TENANT_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export class TenantCreatedData {
  @IsIn(TENANT_STATUSES)
  status!: TenantStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  retentionDays!: number | null;
}

export class TenantUpdatedData {
  @IsArray()
  @IsString({ each: true })
  changedFields!: string[];
}

export class TenantStatusChangedData {
  @IsIn(TENANT_STATUSES)
  previousStatus!: TenantStatus;

  @IsIn(TENANT_STATUSES)
  status!: TenantStatus;
}

const tenantEvent = { version: 1, source: 'identity', resourceType: 'tenant' } as const;

export const TenantCreated = defineEvent({ ...tenantEvent, type: 'tenant.created', data: TenantCreatedData });
export const TenantUpdated = defineEvent({ ...tenantEvent, type: 'tenant.updated', data: TenantUpdatedData });
export const TenantSuspended = defineEvent({ ...tenantEvent, type: 'tenant.suspended', data: TenantStatusChangedData });
export const TenantReactivated = defineEvent({
  ...tenantEvent,
  type: 'tenant.reactivated',
  data: TenantStatusChangedData,
});
export const TenantDeleted = defineEvent({ ...tenantEvent, type: 'tenant.deleted', data: TenantStatusChangedData });
