import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsJsonObject, IsOptionalNonNull, PRINTABLE, Trim } from '@rag/http';

export class CreateTenantDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name!: string;

  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(36500)
  retentionDays?: number;

  @IsOptionalNonNull()
  @IsJsonObject(16 * 1024)
  metadata?: Record<string, unknown>;
}
