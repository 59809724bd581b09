import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKeyScope } from '@rag/contracts';

/** Answer of issuing a key: the only response that ever carries the secret `key`. */
export class IssuedApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'rag_0f8e4c1d2b3a49c5a6d7e8f901234567_...', description: 'shown once; store it now' })
  key!: string;

  @ApiProperty({ enum: API_KEY_SCOPES })
  scope!: ApiKeyScope;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;
}

/** A key as listed: never its secret or hash. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: API_KEY_SCOPES })
  scope!: ApiKeyScope;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

/** `POST /api-keys/verify` (internal): who a valid key acts for. */
export class VerifiedApiKeyView {
  @ApiProperty({ format: 'uuid' })
  keyId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for system keys' })
  tenantId!: string | null;

  @ApiProperty({ enum: API_KEY_SCOPES })
  scope!: ApiKeyScope;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set for system keys only' })
  systemAdminId!: string | null;
}

/** Reasons `POST /api-keys/verify` refuses a key: 401 for the key itself, 403 for its tenant. */
export const KEY_REJECTIONS = {
  malformed_key: 401,
  unknown_key: 401,
  revoked_key: 401,
  expired_key: 401,
  tenant_suspended: 403,
  tenant_deleted: 403,
} as const;
export type KeyRejection = keyof typeof KEY_REJECTIONS;
