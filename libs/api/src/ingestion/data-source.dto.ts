import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DATA_SOURCE_TYPES, DataSourceType } from '@rag/contracts';
import { IsOptionalNonNull, PRINTABLE, Trim } from '@rag/http';
import { PageQuery } from '../common/page.query';

/** How the pipeline cuts this source's text; sizes in characters. */
export class ChunkingDto {
  @ApiProperty({ minimum: 200, maximum: 8000, default: 1000 })
  @IsInt()
  @Min(200)
  @Max(8000)
  chunkSize!: number;

  @ApiProperty({ minimum: 0, maximum: 2000, default: 150, description: 'must be under half of chunkSize' })
  @IsInt()
  @Min(0)
  @Max(2000)
  chunkOverlap!: number;
}

export class CreateDataSourceDto {
  @ApiProperty({ maxLength: 200, description: 'unique in the tenant, case-insensitively' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: DATA_SOURCE_TYPES })
  @IsIn(DATA_SOURCE_TYPES)
  type!: DataSourceType;

  @ApiPropertyOptional({ type: ChunkingDto })
  @IsOptionalNonNull()
  @ValidateNested()
  @Type(() => ChunkingDto)
  chunking?: ChunkingDto;
}

export class ListDataSourcesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DATA_SOURCE_TYPES })
  @IsOptional()
  @IsIn(DATA_SOURCE_TYPES)
  type?: DataSourceType;
}

export class ChunkingView {
  @ApiProperty()
  chunkSize!: number;

  @ApiProperty()
  chunkOverlap!: number;
}

export class DataSourceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: DATA_SOURCE_TYPES })
  type!: DataSourceType;

  @ApiProperty({ type: ChunkingView })
  chunking!: ChunkingView;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deletedAt!: string | null;
}
