import { ApiKeyView } from '@rag/api';
import { ApiKeyScope } from '@rag/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('uuid')
  id!: string;

  /** null for system keys. */
  @Column({ type: 'uuid', name: 'tenant_id', nullable: true })
  tenantId!: string | null;

  /** Set for system keys only. */
  @Column({ type: 'uuid', name: 'system_admin_id', nullable: true })
  systemAdminId!: string | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** HMAC-SHA256 of the secret (hex); never leaves the service. */
  @Column({ type: 'text', name: 'hashed_key' })
  hashedKey!: string;

  @Column('text')
  scope!: ApiKeyScope;

  @Column({ type: 'timestamp', name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamp', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}

export function toApiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    scope: key.scope,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
