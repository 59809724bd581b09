import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('rag_evaluations')
export class RagEvaluation {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'session_id', nullable: true })
  sessionId!: string | null;

  @Column('text')
  query!: string;

  @Column('text')
  answer!: string;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'uuid', name: 'agent_run_id', nullable: true })
  agentRunId!: string | null;

  @Column({ type: 'uuid', name: 'evaluation_set_id', nullable: true })
  evaluationSetId!: string | null;
}
