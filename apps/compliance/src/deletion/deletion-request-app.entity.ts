import { ErasingApp } from '@rag/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One app's part of a deletion request: pending until its `deletion.completed.<app>` arrives. */
@Entity('deletion_request_apps')
export class DeletionRequestApp {
  @PrimaryColumn({ type: 'uuid', name: 'deletion_request_id' })
  deletionRequestId!: string;

  @PrimaryColumn('text')
  app!: ErasingApp;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  status!: 'pending' | 'completed';

  @Column('jsonb')
  counts!: Record<string, number>;

  @Column({ type: 'timestamp', name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
