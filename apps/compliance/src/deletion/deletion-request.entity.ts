import { DeletionScope } from '@rag/contracts';
import { DeletionStatus } from '@rag/api';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('deletion_requests')
export class DeletionRequest {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('text')
  scope!: DeletionScope;

  @Column('text')
  status!: DeletionStatus;

  @Column({ type: 'timestamp', name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'timestamp', name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column('int')
  attempts!: number;

  @Column({ type: 'timestamp', name: 'deadline_at' })
  deadlineAt!: Date;

  @Column({ type: 'uuid', name: 'session_ids', array: true })
  sessionIds!: string[];
}
