import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { AGENT_RUN_STATUSES, AGENT_TYPES, AgentRunStatus, AgentType } from '@rag/contracts';
import { IsOptionalNonNull } from '@rag/http';
import { PageQuery } from '../common/page.query';

export class ListAgentRunsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "only this session's runs" })
  @IsOptionalNonNull()
  @IsUUID()
  sessionId?: string;
}

export class AgentRunUsageView {
  @ApiProperty()
  inputTokens!: number;

  @ApiProperty()
  outputTokens!: number;

  @ApiProperty({ description: 'US dollars, of the completion that answered only' })
  costUsd!: number;
}

/** One step of a run: what it did and how long it took (ids and counts, never content). */
export class AgentRunStepView {
  @ApiProperty({ example: 'retrieval' })
  name!: string;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ description: 'attempt of the run this step belongs to' })
  attempt!: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class AgentFailureView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'rate_limited' })
  errorType!: string;

  @ApiProperty()
  errorMessage!: string;

  @ApiProperty()
  retryable!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AgentRunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  sessionId!: string | null;

  @ApiProperty({ enum: AGENT_TYPES })
  agentType!: AgentType;

  @ApiProperty({ enum: AGENT_RUN_STATUSES })
  status!: AgentRunStatus;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'the provider that answered' })
  provider!: string | null;

  @ApiProperty({ type: String, nullable: true })
  model!: string | null;

  @ApiProperty({ type: AgentRunUsageView, nullable: true })
  usage!: AgentRunUsageView | null;

  @ApiProperty({ type: Number, nullable: true, description: 'from the user message to the reply, ms' })
  latencyMs!: number | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  replyMessageId!: string | null;

  @ApiProperty({ type: [AgentRunStepView] })
  steps!: AgentRunStepView[];

  @ApiProperty({ type: [AgentFailureView], description: 'every failed provider call and run attempt' })
  failures!: AgentFailureView[];

  @ApiProperty({ type: String, nullable: true, description: 'why the run failed, when it did' })
  error!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
}
