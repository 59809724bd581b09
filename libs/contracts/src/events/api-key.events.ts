import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Tenant keys: read < write < admin. `system` keys belong to a system admin, not a tenant. */
export const TENANT_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type TenantKeyScope = (typeof TENANT_KEY_SCOPES)[number];

export const API_KEY_SCOPES = [...TENANT_KEY_SCOPES, 'system'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Never the key, its secret or its hash; not its name either (free text). */
export class ApiKeyCreatedData {
  @IsIn(API_KEY_SCOPES)
  scope!: ApiKeyScope;

  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt!: string | null;

  /** Set for system keys (whose tenantId is null). */
  @IsOptional()
  @IsUUID()
  systemAdminId?: string | null;
}

export class ApiKeyRevokedData {
  @IsIn(API_KEY_SCOPES)
  scope!: ApiKeyScope;
}

const apiKeyEvent = { version: 1, source: 'identity', resourceType: 'api_key' } as const;

export const ApiKeyCreated = defineEvent({ ...apiKeyEvent, type: 'api_key.created', data: ApiKeyCreatedData });
export const ApiKeyRevoked = defineEvent({ ...apiKeyEvent, type: 'api_key.revoked', data: ApiKeyRevokedData });
