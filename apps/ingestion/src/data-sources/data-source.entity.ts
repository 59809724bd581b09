import { DataSourceView } from '@rag/api';
import { DataSourceType } from '@rag/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ChunkingOptions, DEFAULT_CHUNKING } from '../chunking/chunk-text';

export interface DataSourceMetadata {
  chunking?: ChunkingOptions;
}

@Entity('data_sources')
export class DataSourceRow {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  type!: DataSourceType;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column('jsonb')
  metadata!: DataSourceMetadata;

  @Column({ type: 'timestamp', name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}

export function chunkingOf(source: DataSourceRow): ChunkingOptions {
  return source.metadata.chunking ?? DEFAULT_CHUNKING;
}

export function toDataSourceView(source: DataSourceRow): DataSourceView {
  return {
    id: source.id,
    tenantId: source.tenantId,
    name: source.name,
    type: source.type,
    chunking: chunkingOf(source),
    createdAt: source.createdAt.toISOString(),
    deletedAt: source.deletedAt?.toISOString() ?? null,
  };
}
