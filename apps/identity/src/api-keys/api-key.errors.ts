import { HttpStatus } from '@nestjs/common';
import { KEY_REJECTIONS, KeyRejection } from '@rag/api';
import { ApiError } from '@rag/http';

const MESSAGES: Record<KeyRejection, string> = {
  malformed_key: 'the key is not in a format this platform issues',
  unknown_key: 'the key is not known',
  revoked_key: 'the key was revoked',
  expired_key: 'the key has expired',
  tenant_suspended: "the key's tenant is suspended",
  tenant_deleted: "the key's tenant is deleted",
};

/** A key refused by verification: 401 for the key itself, 403 for its tenant's state. */
export class KeyRejectedError extends ApiError {
  constructor(readonly reason: KeyRejection) {
    super(KEY_REJECTIONS[reason], reason, MESSAGES[reason]);
  }
}

export class ApiKeyRevokedError extends ApiError {
  constructor(id: string) {
    super(HttpStatus.CONFLICT, 'api_key_revoked', `api key ${id} is already revoked`);
  }
}
