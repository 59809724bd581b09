import { QuotasView } from '@rag/api';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@rag/database';

@Entity('tenant_quotas')
export class TenantQuota {
  @PrimaryColumn({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'bigint', name: 'max_tokens_per_day', transformer: bigintAsNumber })
  maxTokensPerDay!: number;

  @Column({ type: 'int', name: 'max_ingestions_day' })
  maxIngestionsPerDay!: number;

  @Column({ type: 'bigint', name: 'max_storage_bytes', transformer: bigintAsNumber })
  maxStorageBytes!: number;
}

export function toQuotasView(quota: TenantQuota): QuotasView {
  return {
    tenantId: quota.tenantId,
    maxTokensPerDay: quota.maxTokensPerDay,
    maxIngestionsPerDay: quota.maxIngestionsPerDay,
    maxStorageBytes: quota.maxStorageBytes,
  };
}
