import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const DATA_SOURCE_TYPES = ['text', 'image', 'audio', 'video'] as const;
export type DataSourceType = (typeof DATA_SOURCE_TYPES)[number];

export const INGESTION_STATUSES = ['pending', 'processing', 'indexed', 'failed', 'deleting', 'deleted'] as const;
export type IngestionStatus = (typeof INGESTION_STATUSES)[number];

export const OBJECT_ORIGINS = ['url', 'upload'] as const;
export type ObjectOrigin = (typeof OBJECT_ORIGINS)[number];

const MAX_BYTES = Number.MAX_SAFE_INTEGER;

export class DataSourceCreatedData {
  @IsIn(DATA_SOURCE_TYPES)
  type!: DataSourceType;
}

export class DataSourceDeletedData {
  @IsIn(DATA_SOURCE_TYPES)
  type!: DataSourceType;
}

/** Registration facts, never content: identity meters one ingestion and the bytes stored. */
export class ObjectRegisteredData {
  @IsString()
  dataSourceId!: string;

  @IsString()
  @MaxLength(255)
  contentType!: string;

  @IsInt()
  @Min(0)
  @Max(MAX_BYTES)
  sizeBytes!: number;

  @Matches(/^[0-9a-f]{64}$/)
  checksum!: string;

  @IsIn(OBJECT_ORIGINS)
  origin!: ObjectOrigin;
}

/** The reaper put an object whose worker stopped heartbeating back in the queue. */
export class ObjectRequeuedData {
  @IsInt()
  @Min(0)
  attempts!: number;

  @IsString()
  reason!: string;
}

export class ObjectIngestedData {
  @IsInt()
  @Min(0)
  chunkCount!: number;

  @IsOptional()
  @IsString()
  embeddingModel!: string | null;

  @IsInt()
  @Min(0)
  durationMs!: number;

  @IsOptional()
  @IsString()
  note!: string | null;
}

export class ObjectIngestionFailedData {
  @IsString()
  step!: string;

  @IsString()
  @MaxLength(2000)
  reason!: string;

  @IsInt()
  @Min(0)
  attempts!: number;
}

/** What the deletion removed, counted in each store; sizeBytes is freed storage. */
export class ObjectDeletedData {
  @IsInt()
  @Min(0)
  @Max(MAX_BYTES)
  sizeBytes!: number;

  @IsInt()
  @Min(0)
  chunksDeleted!: number;

  @IsInt()
  @Min(0)
  vectorsDeleted!: number;

  @IsInt()
  @Min(0)
  blobsDeleted!: number;

  @IsArray()
  @IsString({ each: true })
  stores!: string[];
}

const dataSourceEvent = { version: 1, source: 'ingestion', resourceType: 'data_source' } as const;
const objectEvent = { version: 1, source: 'ingestion', resourceType: 'ingested_object' } as const;

export const DataSourceCreated = defineEvent({
  ...dataSourceEvent,
  type: 'data_source.created',
  data: DataSourceCreatedData,
});
export const DataSourceDeleted = defineEvent({
  ...dataSourceEvent,
  type: 'data_source.deleted',
  data: DataSourceDeletedData,
});
export const ObjectRegistered = defineEvent({ ...objectEvent, type: 'object.registered', data: ObjectRegisteredData });
export const ObjectRequeued = defineEvent({ ...objectEvent, type: 'object.requeued', data: ObjectRequeuedData });
export const ObjectIngested = defineEvent({ ...objectEvent, type: 'object.ingested', data: ObjectIngestedData });
export const ObjectIngestionFailed = defineEvent({
  ...objectEvent,
  type: 'object.ingestion_failed',
  data: ObjectIngestionFailedData,
});
export const ObjectDeleted = defineEvent({ ...objectEvent, type: 'object.deleted', data: ObjectDeletedData });
