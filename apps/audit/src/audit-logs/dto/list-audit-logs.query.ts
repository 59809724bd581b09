import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@rag/http';

export class ListAuditLogsQuery extends PageQueryDto {
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[a-z][a-z0-9_.]*$/, { message: 'action must be an event type such as tenant.created' })
  action?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** Only with a system scope: narrows to one tenant. */
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  @MaxLength(64)
  resourceType?: string;

  @IsOptional()
  @IsUUID()
  resourceId?: string;
}
