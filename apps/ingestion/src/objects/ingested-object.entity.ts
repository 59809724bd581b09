import { ObjectView } from '@rag/api';
import { IngestionStatus, ObjectOrigin } from '@rag/contracts';
import { bigintAsNumber } from '@rag/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ObjectMetadata {
  origin: ObjectOrigin;
  /** Where a URL registration fetched it from (the final URL after redirects). */
  sourceUrl?: string;
  filename?: string | null;
  tags: string[];
  /** Blob key of the transcript or caption given with a media object. */
  sidecarKey?: string;
  chunkCount?: number;
  embeddingModel?: string;
  /** Why an indexed object has no chunks. */
  note?: string;
  error?: { step: string; reason: string };
  deletion?: { chunks: number; vectors: number; blobs: number };
}

@Entity('ingested_objects')
export class IngestedObject {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'data_source_id' })
  dataSourceId!: string;

  @Column({ type: 'text', name: 'cloudfront_url' })
  cloudfrontUrl!: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType!: string;

  @Column({ type: 'bigint', name: 'size_bytes', transformer: bigintAsNumber })
  sizeBytes!: number;

  @Column('text')
  checksum!: string;

  @Column({ type: 'text', name: 'ingestion_status' })
  status!: IngestionStatus;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column('jsonb')
  metadata!: ObjectMetadata;

  @Column('int')
  attempts!: number;

  @Column({ type: 'timestamp', name: 'heartbeat_at', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: 'timestamp', name: 'updated_at' })
  updatedAt!: Date;
}

export function toObjectView(row: IngestedObject, signedUrl: string, duplicate = false): ObjectView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    dataSourceId: row.dataSourceId,
    url: signedUrl,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    checksum: row.checksum,
    status: row.status,
    origin: row.metadata.origin,
    filename: row.metadata.filename ?? null,
    tags: row.metadata.tags,
    chunkCount: row.metadata.chunkCount ?? null,
    note: row.metadata.note ?? null,
    error: row.metadata.error ?? null,
    attempts: row.attempts,
    duplicate,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
