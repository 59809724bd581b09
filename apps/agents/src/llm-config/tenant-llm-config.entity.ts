import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('tenant_llm_config')
export class TenantLlmConfig {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId!: string;

  @Column({ type: 'text', name: 'model_name' })
  modelName!: string;

  @Column('int')
  priority!: number;

  @Column({ type: 'int', name: 'max_tokens' })
  maxTokens!: number;

  @Column('float')
  temperature!: number;

  @Column('boolean')
  enabled!: boolean;
}
