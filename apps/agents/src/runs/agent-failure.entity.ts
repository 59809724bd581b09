import { AgentFailureView } from '@rag/api';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A failed provider call or run attempt, recorded whether or not the run recovered. */
@Entity('agent_failures')
export class AgentFailure {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'agent_run_id' })
  agentRunId!: string;

  @Column({ type: 'text', name: 'error_type' })
  errorType!: string;

  @Column({ type: 'text', name: 'error_message' })
  errorMessage!: string;

  @Column('boolean')
  retryable!: boolean;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;
}

export function toAgentFailureView(failure: AgentFailure): AgentFailureView {
  return {
    id: failure.id,
    errorType: failure.errorType,
    errorMessage: failure.errorMessage,
    retryable: failure.retryable,
    createdAt: failure.createdAt.toISOString(),
  };
}
