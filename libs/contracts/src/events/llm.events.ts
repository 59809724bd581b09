import { ArrayMaxSize, IsArray, IsIn, IsString } from 'class-validator';
import { defineEvent } from '../event-definition';

export const LLM_PROVIDER_TYPES = ['openai-compatible', 'anthropic', 'local-extractive'] as const;
export type LlmProviderType = (typeof LLM_PROVIDER_TYPES)[number];

export class LlmProviderRegisteredData {
  @IsIn(LLM_PROVIDER_TYPES)
  type!: LlmProviderType;
}

/** The tenant's provider ids in priority order after the change. */
export class TenantLlmConfigUpdatedData {
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  providerIds!: string[];
}

export const LlmProviderRegistered = defineEvent({
  type: 'llm_provider.registered',
  version: 1,
  source: 'agents',
  resourceType: 'llm_provider',
  data: LlmProviderRegisteredData,
});
export const TenantLlmConfigUpdated = defineEvent({
  type: 'tenant_llm_config.updated',
  version: 1,
  source: 'agents',
  resourceType: 'tenant_llm_config',
  data: TenantLlmConfigUpdatedData,
});
