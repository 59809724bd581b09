import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@rag/api';

/** The audit service's filters (apps/audit ListAuditLogsQuery), documented for the public API. */
export class ListAuditLogsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'auth.failed', description: 'an event type' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[a-z][a-z0-9_.]*$/, { message: 'action must be an event type such as tenant.created' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "system keys: one tenant's rows; tenant keys see only their own",
  })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ example: 'api_key' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  @MaxLength(64)
  resourceType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;
}
