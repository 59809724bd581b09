import { ApiProperty } from '@nestjs/swagger';

/** One audit row as the audit service answers it. */
export class AuditLogView {
  @ApiProperty({ format: 'uuid', description: 'the id of the event it records' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  tenantId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId!: string | null;

  @ApiProperty({ example: 'api_key.revoked', description: 'the event type' })
  action!: string;

  @ApiProperty({ type: String, nullable: true, example: 'api_key' })
  resourceType!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  resourceId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ipAddress!: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
