import { IsIn, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const AUTH_FAILURE_REASONS = [
  'missing_key',
  'malformed_key',
  'unknown_key',
  'revoked_key',
  'expired_key',
  'tenant_suspended',
  'tenant_deleted',
  'insufficient_scope',
  'unknown_user',
  'user_disabled',
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

/** A refused external request (authentication or authorisation). Actor: what is known of the caller. */
export class AuthFailedData {
  @IsIn(AUTH_FAILURE_REASONS)
  reason!: AuthFailureReason;

  @Matches(/^[A-Z]+$/)
  method!: string;

  /** The route pattern (e.g. /v1/users/:id), never the raw URL with its query. */
  @IsString()
  @MaxLength(200)
  route!: string;
}

/**
 * Usage counted by the gateway, per tenant, aggregated over a short window. Identity adds it to
 * usage_metrics for the day of `occurredAt`.
 */
export class UsageRecordedData {
  @IsInt()
  @Min(0)
  requests!: number;

  @IsInt()
  @Min(0)
  tokens!: number;

  @IsInt()
  storageBytes!: number;
}

const gatewayEvent = { version: 1, source: 'gateway' } as const;

export const AuthFailed = defineEvent({
  ...gatewayEvent,
  type: 'auth.failed',
  resourceType: 'auth_attempt',
  data: AuthFailedData,
});
export const UsageRecorded = defineEvent({
  ...gatewayEvent,
  type: 'usage.recorded',
  resourceType: 'tenant',
  data: UsageRecordedData,
});
