import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('search_metadata')
export class SearchMetadata {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'chunk_id' })
  chunkId!: string;

  @Column('text', { array: true })
  keywords!: string[];

  @Column('text', { array: true })
  tags!: string[];

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;
}
