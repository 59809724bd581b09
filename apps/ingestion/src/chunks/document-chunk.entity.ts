import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ChunkMetadata {
  /** Character offsets of the chunk in the extracted text. */
  start: number;
  end: number;
  chars: number;
}

@Entity('document_chunks')
export class DocumentChunk {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'object_id' })
  objectId!: string;

  @Column({ type: 'int', name: 'chunk_index' })
  chunkIndex!: number;

  @Column({ type: 'text', name: 'cloudfront_url' })
  cloudfrontUrl!: string;

  @Column({ type: 'uuid', name: 'embedding_id', nullable: true })
  embeddingId!: string | null;

  @Column('jsonb')
  metadata!: ChunkMetadata;
}
