import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Actor } from './actor';

export class ResourceRef {
  @Matches(/^[a-z][a-z0-9_]*$/)
  @MaxLength(64)
  type!: string;

  @IsUUID()
  id!: string;
}

/**
 * The one envelope for every domain event (ARCHITECTURE §2). `id` is also the audit row id.
 * Events carry ids and metadata, never document text, prompts or answers.
 */
export class EventEnvelope<TData extends object = Record<string, unknown>> {
  @IsUUID()
  id!: string;

  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, { message: 'type must look like "tenant.created"' })
  @MaxLength(128)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @Matches(/^[a-z][a-z0-9-]*$/)
  source!: string;

  @IsOptional()
  @IsUUID()
  tenantId!: string | null;

  @IsObject()
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsObject()
  @ValidateNested()
  @Type(() => ResourceRef)
  resource!: ResourceRef;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
  traceparent?: string | null;

  @IsObject()
  data!: TData;
}
