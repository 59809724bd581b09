import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { DELETION_SCOPES, DeletionScope, ERASING_APPS, ErasingApp } from '@rag/contracts';
import { IsOptionalNonNull } from '@rag/http';

/** `POST /v1/compliance/deletion-requests`: a GDPR erasure of a user or of a whole tenant. */
export class CreateDeletionRequestDto {
  @ApiProperty({ enum: DELETION_SCOPES })
  @IsIn(DELETION_SCOPES)
  scope!: DeletionScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'the user to erase (scope user)' })
  @IsOptionalNonNull()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "system keys only: the subject's tenant" })
  @IsOptionalNonNull()
  @IsUUID()
  tenantId?: string;
}

export const DELETION_STATUSES = ['pending', 'stalled', 'completed'] as const;
export type DeletionStatus = (typeof DELETION_STATUSES)[number];

export class DeletionProgressView {
  @ApiProperty({ enum: ERASING_APPS })
  app!: ErasingApp;

  @ApiProperty({ enum: ['pending', 'completed'] })
  status!: 'pending' | 'completed';

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'records erased, by kind' })
  counts!: Record<string, number>;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
}

export class DeletionRequestView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId!: string | null;

  @ApiProperty({ enum: DELETION_SCOPES })
  scope!: DeletionScope;

  @ApiProperty({ enum: DELETION_STATUSES })
  status!: DeletionStatus;

  @ApiProperty({ description: 'times the request was sent to the apps' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'when it is marked stalled (and sent again) unless every app replied',
  })
  deadlineAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: [DeletionProgressView] })
  apps!: DeletionProgressView[];
}
