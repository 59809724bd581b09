import { Injectable } from '@nestjs/common';
import { VerifiedApiKeyView } from '@rag/api';
import { TenantStatus } from '@rag/contracts';
import { ALL_TENANTS } from '@rag/database';
import { DataSource } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { parseApiKey } from './api-key-format';
import { ApiKeyHasher } from './api-key-hasher';
import { KeyRejectedError } from './api-key.errors';
import { ApiKey } from './api-key.entity';
import { apiKeys } from './api-key.writer';

/**
 * Verifies a bearer key for the gateway. Platform keys are looked up by the id they carry,
 * bootstrap keys by the id derived from them; either way the secret's HMAC is compared in
 * constant time, also when no row exists. Revocation, expiry and the tenant's state are
 * reported only once the secret is proven, so a guess learns nothing about a key.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: ApiKeyHasher,
  ) {}

  async verify(presented: string): Promise<VerifiedApiKeyView> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw new KeyRejectedError('malformed_key');
    const [id, secret] =
      parsed.kind === 'platform' ? [parsed.id, parsed.secret] : [this.hasher.bootstrapKeyId(parsed.key), parsed.key];
    const found = await this.find(id);
    // A bootstrap-style string can only ever name a system key.
    const key = found && (parsed.kind === 'platform' || found.key.scope === 'system') ? found : undefined;
    if (!this.hasher.matches(secret, key?.key.hashedKey) || !key) throw new KeyRejectedError('unknown_key');
    if (key.key.revokedAt) throw new KeyRejectedError('revoked_key');
    if (key.key.expiresAt && key.key.expiresAt.getTime() <= Date.now()) throw new KeyRejectedError('expired_key');
    if (key.tenantStatus === 'suspended') throw new KeyRejectedError('tenant_suspended');
    if (key.tenantStatus === 'deleted') throw new KeyRejectedError('tenant_deleted');
    return {
      keyId: key.key.id,
      tenantId: key.key.tenantId,
      scope: key.key.scope,
      expiresAt: key.key.expiresAt?.toISOString() ?? null,
      systemAdminId: key.key.systemAdminId,
    };
  }

  /** The key and its tenant's status in one query (null status for system keys). */
  private async find(id: string): Promise<{ key: ApiKey; tenantStatus: TenantStatus | null } | undefined> {
    const { entities, raw } = await apiKeys
      .query(this.dataSource.manager, ALL_TENANTS, 'k')
      .leftJoin(Tenant, 't', 't.id = k.tenantId')
      .addSelect('t.status', 'tenant_status')
      .andWhere('k.id = :id', { id })
      .getRawAndEntities<{ tenant_status: TenantStatus | null }>();
    return entities[0] ? { key: entities[0], tenantStatus: raw[0].tenant_status } : undefined;
  }
}
