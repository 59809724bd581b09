import { Column, Entity, PrimaryColumn } from 'typeorm';

/** embeddings_registry: which model's vectors a tenant has, and in which vector store. */
@Entity('embeddings_registry')
export class EmbeddingRegistration {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'text', name: 'vector_store_id' })
  vectorStoreId!: string;

  @Column({ type: 'text', name: 'model_name' })
  modelName!: string;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;
}
