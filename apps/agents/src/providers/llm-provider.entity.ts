import { LlmProviderView } from '@rag/api';
import { LlmProviderType } from '@rag/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Global (no tenant): system admins register providers; tenants choose among them. */
@Entity('llm_providers')
export class LlmProviderRow {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  type!: LlmProviderType;

  @Column({ type: 'text', name: 'base_url', nullable: true })
  baseUrl!: string | null;

  @Column({ type: 'text', name: 'credentials_ref', nullable: true })
  credentialsRef!: string | null;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;
}

export function toLlmProviderView(row: LlmProviderRow): LlmProviderView {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
