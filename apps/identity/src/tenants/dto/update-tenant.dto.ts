import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsJsonObject, PRINTABLE, Trim } from '@rag/http';

/** Rename, suspend or reactivate, change retention or metadata. Deletion is DELETE. */
export class UpdateTenantDto {
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  retentionDays?: number;

  @IsOptional()
  @IsJsonObject(16 * 1024)
  metadata?: Record<string, unknown>;
}
