import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsJsonObject, IsOptionalNonNull, PRINTABLE, Trim } from '@rag/http';

/** Rename, suspend or reactivate, change retention or metadata. Deletion is DELETE. */
export class UpdateTenantDto {
  @IsOptionalNonNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @IsOptionalNonNull()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(36500)
  retentionDays?: number;

  @IsOptionalNonNull()
  @IsJsonObject(16 * 1024)
  metadata?: Record<string, unknown>;
}
