import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** `PUT /tenants/:id/quotas`: every limit, per UTC day (tokens, ingestions) or in total (storage). */
export class SetQuotasDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 1_000_000 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxTokensPerDay!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2_147_483_647, example: 1000 })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  maxIngestionsPerDay!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 10_737_418_240 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxStorageBytes!: number;
}
