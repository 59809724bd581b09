import { ApiProperty } from '@nestjs/swagger';

export class QuotasView {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ type: 'integer' })
  maxTokensPerDay!: number;

  @ApiProperty({ type: 'integer' })
  maxIngestionsPerDay!: number;

  @ApiProperty({ type: 'integer' })
  maxStorageBytes!: number;
}
