import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { LlmConfigView, SetLlmConfigDto } from '@rag/api';
import { Actor, createEvent, TenantLlmConfigUpdated } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { ApiError, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager, In } from 'typeorm';
import { LlmProviderRow } from '../providers/llm-provider.entity';
import { TenantLlmConfig } from './tenant-llm-config.entity';

const configs = new TenantScopedRepository(TenantLlmConfig, 'tenantId');

const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_TEMPERATURE = 0.2;

class UnknownProviderError extends ApiError {
  constructor(ids: string[]) {
    super(HttpStatus.BAD_REQUEST, 'unknown_llm_provider', `no LLM provider has id ${ids.join(', ')}`, { ids });
  }
}

/** A tenant's LLM providers in priority order (the fallback order of its agent runs). */
@Injectable()
export class LlmConfigService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async set(scope: TenantScope, input: SetLlmConfigDto, actor: Actor): Promise<LlmConfigView> {
    const tenantId = requireTenant(scope, 'configuring LLM providers');
    return this.dataSource.transaction(async (manager) => {
      const providerIds = [...new Set(input.providers.map((entry) => entry.providerId))];
      const known = await manager.getRepository(LlmProviderRow).findBy({ id: In(providerIds) });
      const missing = providerIds.filter((id) => !known.some((provider) => provider.id === id));
      if (missing.length > 0) throw new UnknownProviderError(missing);
      // Replaced as a whole: the list is one ordered setting, and its old rows hold no content.
      await configs.delete(manager, scope, {});
      for (const [priority, entry] of input.providers.entries()) {
        await configs.insert(manager, scope, {
          id: randomUUID(),
          tenantId,
          providerId: entry.providerId,
          modelName: entry.modelName,
          priority,
          maxTokens: entry.maxTokens ?? DEFAULT_MAX_TOKENS,
          temperature: entry.temperature ?? DEFAULT_TEMPERATURE,
          enabled: entry.enabled ?? true,
        });
      }
      await this.outbox.publish(
        manager,
        createEvent(TenantLlmConfigUpdated, {
          tenantId,
          actor,
          resourceId: tenantId,
          data: { providerIds: input.providers.map((entry) => entry.providerId) },
        }),
      );
      return this.view(manager, scope);
    });
  }

  get(scope: TenantScope): Promise<LlmConfigView> {
    requireTenant(scope, 'reading the LLM configuration');
    return this.view(this.dataSource.manager, scope);
  }

  private async view(manager: EntityManager, scope: TenantScope): Promise<LlmConfigView> {
    const rows = await configs.query(manager, scope, 'c').orderBy('c.priority', 'ASC').getMany();
    const providers = await manager.getRepository(LlmProviderRow).findBy({ id: In(rows.map((row) => row.providerId)) });
    const names = new Map(providers.map((provider) => [provider.id, provider.name]));
    return {
      providers: rows.map((row) => ({
        providerId: row.providerId,
        providerName: names.get(row.providerId) ?? '',
        modelName: row.modelName,
        priority: row.priority,
        maxTokens: row.maxTokens,
        temperature: row.temperature,
        enabled: row.enabled,
      })),
    };
  }
}
