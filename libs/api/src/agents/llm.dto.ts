import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LLM_PROVIDER_TYPES, LlmProviderType } from '@rag/contracts';
import { IsOptionalNonNull } from '@rag/http';

export const PROVIDER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const CREDENTIALS_REF = /^[A-Z][A-Z0-9_]{0,127}$/;

export class RegisterLlmProviderDto {
  @ApiProperty({ pattern: PROVIDER_NAME.source, example: 'openai-main' })
  @Matches(PROVIDER_NAME)
  name!: string;

  @ApiProperty({ enum: LLM_PROVIDER_TYPES })
  @IsIn(LLM_PROVIDER_TYPES)
  type!: LlmProviderType;

  @ApiPropertyOptional({
    format: 'uri',
    description: 'API root, e.g. https://api.openai.com/v1 (not for local-extractive)',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  baseUrl?: string;

  @ApiPropertyOptional({
    pattern: CREDENTIALS_REF.source,
    description: 'name of the environment variable of the agents app that holds the API key; never the key itself',
  })
  @IsOptionalNonNull()
  @Matches(CREDENTIALS_REF)
  credentialsRef?: string;
}

export class LlmProviderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: LLM_PROVIDER_TYPES })
  type!: LlmProviderType;

  @ApiProperty({ type: String, nullable: true })
  baseUrl!: string | null;

  @ApiProperty({ type: String, nullable: true })
  credentialsRef!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class LlmConfigEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  providerId!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  modelName!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200000, default: 1024 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(200_000)
  maxTokens?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: 0.2 })
  @IsOptionalNonNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  enabled?: boolean;
}

/** `PUT /v1/llm/config`: the tenant's providers, first = highest priority; replaces the previous list. */
export class SetLlmConfigDto {
  @ApiProperty({ type: [LlmConfigEntryDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((entry: LlmConfigEntryDto) => `${entry.providerId}/${entry.modelName}`)
  @ValidateNested({ each: true })
  @Type(() => LlmConfigEntryDto)
  providers!: LlmConfigEntryDto[];
}

export class LlmConfigEntryView {
  @ApiProperty({ format: 'uuid' })
  providerId!: string;

  @ApiProperty()
  providerName!: string;

  @ApiProperty()
  modelName!: string;

  @ApiProperty()
  priority!: number;

  @ApiProperty()
  maxTokens!: number;

  @ApiProperty()
  temperature!: number;

  @ApiProperty()
  enabled!: boolean;
}

export class LlmConfigView {
  @ApiProperty({ type: [LlmConfigEntryView] })
  providers!: LlmConfigEntryView[];
}

export class LlmMessageDto {
  @IsIn(['system', 'user', 'assistant'])
  role!: 'system' | 'user' | 'assistant';

  @IsString()
  @MaxLength(200_000)
  content!: string;
}

/** Internal (evaluation's LLM judge): one completion from the tenant's providers in priority order. */
export class LlmCompleteDto {
  /** What the tokens are spent on, recorded with their usage (e.g. `evaluation`). */
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  purpose!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LlmMessageDto)
  messages!: LlmMessageDto[];
}

export class LlmCompletionView {
  text!: string;
  provider!: string;
  model!: string;
  inputTokens!: number;
  outputTokens!: number;
}
