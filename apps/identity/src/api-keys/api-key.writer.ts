import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IssuedApiKeyView } from '@rag/api';
import { Actor, ApiKeyCreated, ApiKeyRevoked, ApiKeyScope, createEvent } from '@rag/contracts';
import { ALL_TENANTS, tenantScope, TenantScopedRepository } from '@rag/database';
import { OutboxPublisher } from '@rag/messaging';
import { EntityManager } from 'typeorm';
import { formatApiKey, newKeySecret } from './api-key-format';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKey } from './api-key.entity';

export const apiKeys = new TenantScopedRepository(ApiKey, 'tenantId');

/** Whose key: a tenant's, or (scope `system`) a system admin's. */
export type KeyOwner = { tenantId: string; systemAdminId: null } | { tenantId: null; systemAdminId: string };

export interface NewApiKey {
  scope: ApiKeyScope;
  expiresAt: Date | null;
  name: string | null;
}

/** Issues and revokes keys inside the caller's transaction, each with its event. */
@Injectable()
export class ApiKeyWriter {
  constructor(
    private readonly hasher: ApiKeyHasher,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** A new random key; its secret is in the answer and nowhere else. */
  async issue(manager: EntityManager, owner: KeyOwner, input: NewApiKey, actor: Actor): Promise<IssuedApiKeyView> {
    const id = randomUUID();
    const secret = newKeySecret();
    await this.store(manager, { id, hashedKey: this.hasher.hash(secret), ...owner, ...input }, actor);
    return { id, key: formatApiKey(id, secret), scope: input.scope, expiresAt: input.expiresAt?.toISOString() ?? null };
  }

  /** Stores a key whose id and hash the caller computed (bootstrap keys). */
  async store(
    manager: EntityManager,
    key: Pick<ApiKey, 'id' | 'hashedKey'> & KeyOwner & NewApiKey,
    actor: Actor,
  ): Promise<ApiKey> {
    const row: ApiKey = { ...key, createdAt: new Date(), revokedAt: null };
    await apiKeys.insert(manager, row.tenantId ? tenantScope(row.tenantId) : ALL_TENANTS, row);
    await this.outbox.publish(
      manager,
      createEvent(ApiKeyCreated, {
        tenantId: row.tenantId,
        actor,
        resourceId: row.id,
        data: {
          scope: row.scope,
          expiresAt: row.expiresAt?.toISOString() ?? null,
          ...(row.systemAdminId ? { systemAdminId: row.systemAdminId } : {}),
        },
      }),
    );
    return row;
  }

  /** Revokes a key the caller has locked and checked is not revoked yet. */
  async revoke(manager: EntityManager, key: ApiKey, actor: Actor): Promise<ApiKey> {
    const revokedAt = new Date();
    await apiKeys.update(manager, ALL_TENANTS, { id: key.id }, { revokedAt });
    await this.outbox.publish(
      manager,
      createEvent(ApiKeyRevoked, { tenantId: key.tenantId, actor, resourceId: key.id, data: { scope: key.scope } }),
    );
    return { ...key, revokedAt };
  }
}
