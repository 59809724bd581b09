import { TenantView } from '@rag/api';
import { TenantStatus } from '@rag/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('tenants')
export class Tenant {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  status!: TenantStatus;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamp', name: 'updated_at' })
  updatedAt!: Date;

  @Column({ type: 'int', name: 'retention_days' })
  retentionDays!: number;

  @Column('jsonb')
  metadata!: Record<string, unknown>;
}

export function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    status: tenant.status,
    retentionDays: tenant.retentionDays,
    metadata: tenant.metadata,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
