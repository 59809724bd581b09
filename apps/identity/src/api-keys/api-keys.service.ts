import { Injectable } from '@nestjs/common';
import { ApiKeyView, CreateApiKeyDto, IssuedApiKeyView, ListApiKeysQuery } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt, TenantScopeRequiredError } from '@rag/http';
import { DataSource } from 'typeorm';
import { findLiveTenant } from '../tenants/live-tenant';
import { ApiKeyRevokedError } from './api-key.errors';
import { toApiKeyView } from './api-key.entity';
import { apiKeys, ApiKeyWriter } from './api-key.writer';

/** A tenant's keys: issue (secret shown once), list (never secrets or hashes), revoke. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ApiKeyWriter,
  ) {}

  async create(scope: TenantScope, input: CreateApiKeyDto, actor: Actor): Promise<IssuedApiKeyView> {
    if (scope.kind !== 'tenant') throw new TenantScopeRequiredError('issuing an api key');
    return this.dataSource.transaction(async (manager) => {
      await findLiveTenant(manager, scope, scope.tenantId, 'none');
      return this.writer.issue(
        manager,
        { tenantId: scope.tenantId, systemAdminId: null },
        { scope: input.scope, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null, name: input.name ?? null },
        actor,
      );
    });
  }

  async list(scope: TenantScope, query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    const builder = apiKeys.query(this.dataSource.manager, scope, 'k');
    if (query.scope) builder.andWhere('k.scope = :keyScope', { keyScope: query.scope });
    return pageByCreatedAt(builder, 'k', query, 'ASC', toApiKeyView);
  }

  async revoke(scope: TenantScope, id: string, actor: Actor): Promise<ApiKeyView> {
    return this.dataSource.transaction(async (manager) => {
      const key = await apiKeys.findOneForUpdate(manager, scope, { id });
      if (!key) throw new NotFoundError('api_key', id);
      if (key.revokedAt) throw new ApiKeyRevokedError(id);
      return toApiKeyView(await this.writer.revoke(manager, key, actor));
    });
  }
}
