import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength } from 'class-validator';
import { INGESTION_STATUSES, IngestionStatus, OBJECT_ORIGINS, ObjectOrigin } from '@rag/contracts';
import { IsOptionalNonNull } from '@rag/http';
import { PageQuery } from '../common/page.query';

/** Lowercase tag: letters, digits, `-`, `_`, `.`, `:`; at most 64 characters. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
export const MAX_TAGS = 20;
export const MAX_SIDECAR_TEXT_BYTES = 1024 * 1024;

/** The fields of a multipart upload (sent with a `file` part); `tags` may be comma-separated. */
export class ObjectFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  dataSourceId!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: 'filters for search' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must match ' + TAG_PATTERN.source })
  tags?: string[];

  @ApiPropertyOptional({
    maxLength: MAX_SIDECAR_TEXT_BYTES,
    description: 'transcript or caption of an image, audio or video object; it is what gets indexed',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(MAX_SIDECAR_TEXT_BYTES)
  sidecarText?: string;
}

/** Register by URL (JSON body). */
export class RegisterObjectDto extends ObjectFieldsDto {
  @ApiProperty({ format: 'uri', maxLength: 2048, description: 'http(s) URL fetched once at registration' })
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;
}

export class ListObjectsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dataSourceId?: string;

  @ApiPropertyOptional({ enum: INGESTION_STATUSES })
  @IsOptional()
  @IsIn(INGESTION_STATUSES)
  status?: IngestionStatus;
}

export class IngestionErrorView {
  @ApiProperty({ description: 'pipeline step that failed: fetch, extract, chunk, embed, index' })
  step!: string;

  @ApiProperty()
  reason!: string;
}

export class ObjectView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ format: 'uuid' })
  dataSourceId!: string;

  @ApiProperty({ description: 'signed, expiring URL of the stored original' })
  url!: string;

  @ApiProperty()
  contentType!: string;

  @ApiProperty()
  sizeBytes!: number;

  @ApiProperty({ description: 'SHA-256 of the content, hex' })
  checksum!: string;

  @ApiProperty({ enum: INGESTION_STATUSES })
  status!: IngestionStatus;

  @ApiProperty({ enum: OBJECT_ORIGINS })
  origin!: ObjectOrigin;

  @ApiProperty({ type: String, nullable: true })
  filename!: string | null;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ type: Number, nullable: true, description: 'set once indexed' })
  chunkCount!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'why an indexed object has no chunks' })
  note!: string | null;

  @ApiProperty({ type: IngestionErrorView, nullable: true })
  error!: IngestionErrorView | null;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ description: 'true when the same content was already registered in this data source' })
  duplicate!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
