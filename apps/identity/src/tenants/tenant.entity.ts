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

export interface TenantView {
  id: string;
  name: string;
  status: TenantStatus;
  retentionDays: number;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
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
