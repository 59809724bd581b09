import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsString, Matches, MaxLength, Min } from 'class-validator';
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

/** What one completion that answered used: the tokens billed and their cost. */
export class ModelUsageData {
  @IsString()
  @MaxLength(100)
  provider!: string;

  @IsString()
  @MaxLength(200)
  model!: string;

  @IsInt()
  @Min(0)
  inputTokens!: number;

  @IsInt()
  @Min(0)
  outputTokens!: number;

  @IsNumber()
  @Min(0)
  costUsd!: number;
}

/**
 * A completion asked of the tenant's providers outside a chat run (the evaluation app's LLM judge):
 * its tokens are metered like a run's. Prompts and answers stay out of the event.
 */
export class LlmCompletionUsedData extends ModelUsageData {
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  purpose!: string;
}

export const LlmCompletionUsed = defineEvent({
  type: 'llm.completion.used',
  version: 1,
  source: 'agents',
  resourceType: 'llm_completion',
  data: LlmCompletionUsedData,
});
