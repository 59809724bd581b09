import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const ACTOR_TYPES = ['user', 'api_key', 'system_admin', 'service', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who caused an event: ids and request metadata only, never content. */
export class Actor {
  @IsOptional()
  @IsUUID()
  id?: string | null;

  @IsIn(ACTOR_TYPES)
  type!: ActorType;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ip?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  userAgent?: string | null;
}

export const SERVICE_ACTOR: Actor = { id: null, type: 'service', ip: null, userAgent: null };
