import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('rag_reports')
export class RagReport {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  /** The evaluation set reported on (null for a session's report). */
  @Column({ type: 'uuid', name: 'evaluation_id', nullable: true })
  evaluationId!: string | null;

  @Column({ type: 'text', name: 'report_url' })
  reportUrl!: string;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'uuid', name: 'session_id', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text', name: 'json_url' })
  jsonUrl!: string;
}
