import { Injectable } from '@nestjs/common';
import {
  AnthropicProvider,
  ChainStep,
  FallbackChain,
  LlmProvider,
  LocalExtractiveAnswerer,
  OpenAiCompatibleProvider,
} from '@rag/llm';
import { tenantScope, TenantScopedRepository } from '@rag/database';
import { DataSource, In } from 'typeorm';
import { LlmProviderRow } from '../providers/llm-provider.entity';
import { TenantLlmConfig } from './tenant-llm-config.entity';

const configs = new TenantScopedRepository(TenantLlmConfig, 'tenantId');

/** A tenant that configured no provider is answered by the local extractive answerer. */
const DEFAULT_STEP_MODEL = 'local-extractive';
const DEFAULT_MAX_TOKENS = 1024;

/**
 * The providers a tenant's runs call, in its priority order, and the one fallback chain of this
 * replica (its circuit breakers are per provider, shared by every tenant using it).
 */
@Injectable()
export class TenantModels {
  readonly chain = new FallbackChain();
  private readonly clients = new Map<string, { key: string; provider: LlmProvider }>();
  private readonly localAnswerer = new LocalExtractiveAnswerer();

  constructor(private readonly dataSource: DataSource) {}

  async stepsFor(tenantId: string): Promise<ChainStep[]> {
    const manager = this.dataSource.manager;
    const rows = await configs
      .query(manager, tenantScope(tenantId), 'c')
      .andWhere('c.enabled = true')
      .orderBy('c.priority', 'ASC')
      .getMany();
    if (rows.length === 0) {
      return [{ provider: this.localAnswerer, model: DEFAULT_STEP_MODEL, maxTokens: DEFAULT_MAX_TOKENS }];
    }
    const providers = await manager.getRepository(LlmProviderRow).findBy({ id: In(rows.map((row) => row.providerId)) });
    const byId = new Map(providers.map((provider) => [provider.id, provider]));
    return rows.flatMap((row) => {
      const provider = byId.get(row.providerId);
      if (!provider) return [];
      return [
        {
          provider: this.client(provider),
          model: row.modelName,
          maxTokens: row.maxTokens,
          temperature: row.temperature,
        },
      ];
    });
  }

  /** One client per provider row, rebuilt if its settings or its key's variable changed. */
  private client(row: LlmProviderRow): LlmProvider {
    const apiKey = row.credentialsRef ? process.env[row.credentialsRef] : undefined;
    const key = JSON.stringify([row.type, row.baseUrl, apiKey ?? null]);
    const cached = this.clients.get(row.id);
    if (cached?.key === key) return cached.provider;
    const provider = createProvider(row, apiKey);
    this.clients.set(row.id, { key, provider });
    return provider;
  }
}

function createProvider(row: LlmProviderRow, apiKey: string | undefined): LlmProvider {
  switch (row.type) {
    case 'openai-compatible':
      return new OpenAiCompatibleProvider({ name: row.name, baseUrl: row.baseUrl!, apiKey });
    case 'anthropic':
      // A missing key is sent as empty: the provider answers 401, recorded as a non-retryable auth failure.
      return new AnthropicProvider({ name: row.name, baseUrl: row.baseUrl ?? undefined, apiKey: apiKey ?? '' });
    case 'local-extractive':
      return new LocalExtractiveAnswerer(row.name);
  }
}
