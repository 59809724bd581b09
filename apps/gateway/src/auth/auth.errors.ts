import { HttpStatus } from '@nestjs/common';
import { AuthFailureReason } from '@rag/contracts';
import { ApiError } from '@rag/http';

const MESSAGES: Record<AuthFailureReason, string> = {
  missing_key: 'an Authorization: Bearer <api key> header is required',
  malformed_key: 'the Authorization header does not carry a well-formed bearer key',
  unknown_key: 'the api key is not valid',
  revoked_key: 'the api key has been revoked',
  expired_key: 'the api key has expired',
  tenant_suspended: "the key's tenant is suspended",
  tenant_deleted: "the key's tenant is deleted",
  insufficient_scope: 'the key (or the acting user) may not do this',
  unknown_user: "X-User-Id does not name a user of the key's tenant",
  user_disabled: 'the acting user is disabled or deleted',
};

const FORBIDDEN: ReadonlySet<AuthFailureReason> = new Set([
  'tenant_suspended',
  'tenant_deleted',
  'insufficient_scope',
  'unknown_user',
  'user_disabled',
]);

/**
 * A refused request: 401 when the key does not authenticate, 403 when it does but may not act.
 * The error code is the reason recorded in the `auth.failed` event.
 */
export class AuthRefusedError extends ApiError {
  constructor(
    readonly reason: AuthFailureReason,
    readonly tenantId: string | null = null,
    message = MESSAGES[reason],
  ) {
    super(FORBIDDEN.has(reason) ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED, reason, message);
  }
}
