import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsJsonObject, IsOptionalNonNull, PRINTABLE, Trim } from '@rag/http';

export class CreateTenantDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Acme Corp', description: 'unique among live tenants' })
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 36500, default: 365 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(36500)
  retentionDays?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'free-form JSON object, at most 16 KiB',
  })
  @IsOptionalNonNull()
  @IsJsonObject(16 * 1024)
  metadata?: Record<string, unknown>;
}
