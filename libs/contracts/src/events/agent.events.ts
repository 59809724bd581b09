import { IsIn, IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { ModelUsageData } from './llm.events';

export const AGENT_TYPES = ['rag-answer', 'summarize-session'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export const AGENT_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type AgentRunStatus = (typeof AGENT_RUN_STATUSES)[number];

class AgentRunData {
  @IsUUID()
  sessionId!: string;

  @IsIn(AGENT_TYPES)
  agentType!: AgentType;
}

/**
 * A run that answered. The tokens are those of the completion that answered (billed); failed
 * provider calls are in agent_failures and never charged. `userId` is the user the tokens are
 * metered to (the acting user of the message), null for a key without a user.
 */
export class AgentRunCompletedData extends ModelUsageData {
  @IsUUID()
  sessionId!: string;

  @IsIn(AGENT_TYPES)
  agentType!: AgentType;

  @IsOptional()
  @IsUUID()
  userId!: string | null;

  @IsInt()
  @Min(0)
  latencyMs!: number;

  @IsOptional()
  @IsUUID()
  replyMessageId!: string | null;

  /** rag-answer: the user message answered. */
  @IsOptional()
  @IsUUID()
  userMessageId!: string | null;
}

/** A run that ended without an answer; the reason's text stays in agent_failures. */
export class AgentRunFailedData extends AgentRunData {
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  errorType!: string;
}

export class AgentRunCancelledData extends AgentRunData {}

const agentEvent = { version: 1, source: 'agents', resourceType: 'agent_run' } as const;

export const AgentRunCompleted = defineEvent({
  ...agentEvent,
  type: 'agent.run.completed',
  data: AgentRunCompletedData,
});
export const AgentRunFailed = defineEvent({ ...agentEvent, type: 'agent.run.failed', data: AgentRunFailedData });
export const AgentRunCancelled = defineEvent({
  ...agentEvent,
  type: 'agent.run.cancelled',
  data: AgentRunCancelledData,
});
