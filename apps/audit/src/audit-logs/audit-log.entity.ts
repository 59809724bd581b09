import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_logs')
export class AuditLog {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id', nullable: true })
  tenantId!: string | null;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text')
  action!: string;

  @Column({ type: 'text', name: 'resource_type', nullable: true })
  resourceType!: string | null;

  @Column({ type: 'uuid', name: 'resource_id', nullable: true })
  resourceId!: string | null;

  @Column({ type: 'text', name: 'ip_address', nullable: true })
  ipAddress!: string | null;

  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @PrimaryColumn({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;
}

export interface AuditLogView extends Omit<AuditLog, 'createdAt'> {
  createdAt: string;
}

export function toAuditLogView(row: AuditLog): AuditLogView {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
