import { AgentRunStatus, AgentType } from '@rag/contracts';
import { ChainAttempt } from '@rag/llm';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface AgentRunStep {
  name: string;
  attempt: number;
  durationMs: number;
  details?: Record<string, unknown>;
}

/** Ids, counts and timings only: prompts and answers stay in chat (GDPR: one place to erase). */
export interface AgentRunMetadata {
  /** The user message a rag-answer run answers, and the event that started it. */
  trigger?: { messageId: string; eventId: string };
  /** The acting user the run's tokens are metered to. */
  userId?: string | null;
  steps?: AgentRunStep[];
  provider?: string;
  model?: string;
  usage?: { inputTokens: number; outputTokens: number; costUsd: number };
  latencyMs?: number;
  replyMessageId?: string;
  error?: { type: string; message: string };
  /** summarize-session: the messages (counted from the session's first) the summary must cover. */
  summaryTarget?: number;
  /** summarize-session: how far the session's summary reaches once the run succeeded. */
  summary?: { coveredCount: number; cursor: string | null };
  /**
   * The answer between the model call and its delivery to chat, so that a retry after a failed
   * delivery does not pay for the model again; removed when the run ends.
   */
  checkpoint?: PendingReply;
  /** Attempts that failed because a dependency was down: they do not count towards AGENT_MAX_ATTEMPTS. */
  outageRetries?: number;
}

/** Attempts that count towards AGENT_MAX_ATTEMPTS: those not lost to a dependency's outage. */
export function countedAttempts(run: Pick<AgentRun, 'attempts' | 'metadata'>): number {
  return run.attempts - (run.metadata.outageRetries ?? 0);
}

export interface PendingReply {
  content: string;
  references: { citation: number; chunkId: string; objectId: string; url: string; score: number }[];
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  modelMs: number;
  /** Provider calls that failed before one answered; recorded in agent_failures when the run ends. */
  providerFailures: ChainAttempt[];
}

@Entity('agent_runs')
export class AgentRun {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'session_id', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text', name: 'agent_type' })
  agentType!: AgentType;

  @Column('text')
  status!: AgentRunStatus;

  @Column({ type: 'timestamp', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamp', name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column('jsonb')
  metadata!: AgentRunMetadata;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column('int')
  attempts!: number;

  @Column({ type: 'timestamp', name: 'heartbeat_at', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: 'timestamp', name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: Date | null;
}
