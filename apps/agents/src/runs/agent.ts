import { AgentType } from '@rag/contracts';
import { ChainAttempt } from '@rag/llm';
import { AgentRun, AgentRunMetadata, PendingReply } from './agent-run.entity';
import { RunSteps } from './run-steps';

export interface RunContext {
  run: AgentRun;
  /** Aborted when the attempt times out, the run is cancelled or taken over, or the replica stops. */
  signal: AbortSignal;
  steps: RunSteps;
  /** Keeps a produced answer so that a retry delivers it without calling the model again. */
  checkpoint(reply: PendingReply): Promise<void>;
}

export interface RunResult {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  replyMessageId?: string;
  summary?: AgentRunMetadata['summary'];
  /** rag-answer: the session's messages, its reply included (whether a summary is due). */
  sessionMessages?: number;
  /** Provider calls that failed before one answered. */
  providerFailures: ChainAttempt[];
}

/** One kind of run (agent_runs.agent_type). */
export interface Agent {
  readonly type: AgentType;
  run(context: RunContext): Promise<RunResult>;
  /** Follow-up work once the run's success is committed (e.g. starting a summary). */
  afterSuccess?(run: AgentRun, result: RunResult): Promise<void>;
}

export const AGENTS = Symbol('AGENTS');
