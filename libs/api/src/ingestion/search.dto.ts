import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull } from '@rag/http';
import { MAX_TAGS, TAG_PATTERN } from './object.dto';

export class SearchFiltersDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100 })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  dataSourceIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100 })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  objectIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: 'chunks with any of these tags' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @Matches(TAG_PATTERN, { each: true })
  tags?: string[];
}

export class SearchDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'query must not be blank' })
  query!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(50)
  k: number = 10;

  @ApiPropertyOptional({ type: SearchFiltersDto })
  @IsOptionalNonNull()
  @ValidateNested()
  @Type(() => SearchFiltersDto)
  filters?: SearchFiltersDto;
}

export class SearchHitView {
  @ApiProperty({ format: 'uuid' })
  chunkId!: string;

  @ApiProperty({ format: 'uuid' })
  objectId!: string;

  @ApiProperty({ format: 'uuid' })
  dataSourceId!: string;

  @ApiProperty()
  chunkIndex!: number;

  @ApiProperty({ description: 'reciprocal rank fusion score of the vector and keyword rankings' })
  score!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'cosine similarity, when the vector search found it' })
  vectorScore!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'query terms among the chunk keywords' })
  keywordMatches!: number | null;

  @ApiProperty({ description: "the chunk's text" })
  text!: string;

  @ApiProperty({ description: "signed, expiring URL of the chunk's text" })
  url!: string;

  @ApiProperty({ description: 'signed, expiring URL of the original object' })
  objectUrl!: string;

  @ApiProperty({ type: [String] })
  tags!: string[];
}

export class SearchResultView {
  @ApiProperty({ type: [SearchHitView] })
  items!: SearchHitView[];

  @ApiProperty({ description: 'embedding model of the vector half' })
  model!: string;
}

/** Internal (evaluation): the texts of chunks a run retrieved. */
export class ChunkLookupDto {
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  ids!: string[];
}

export class ChunkTextView {
  chunkId!: string;
  objectId!: string;
  text!: string;
}

export class ChunkLookupView {
  items!: ChunkTextView[];
}
