import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Questions and answers are content: they stay in evaluation's tables, never in events. */
export class EvaluationSetCreatedData {
  @IsInt()
  @Min(1)
  questions!: number;

  @IsString()
  @MaxLength(100)
  judge!: string;
}

export class EvaluationSetCompletedData {
  @IsInt()
  @Min(0)
  scored!: number;

  @IsInt()
  @Min(0)
  failed!: number;
}

export class RagEvaluationScoredData {
  @IsOptional()
  @IsUUID()
  sessionId!: string | null;

  @IsOptional()
  @IsUUID()
  agentRunId!: string | null;

  @IsOptional()
  @IsUUID()
  evaluationSetId!: string | null;

  @IsString()
  @MaxLength(100)
  judge!: string;
}

export class RagReportCreatedData {
  @IsOptional()
  @IsUUID()
  evaluationSetId!: string | null;

  @IsOptional()
  @IsUUID()
  sessionId!: string | null;

  @IsInt()
  @Min(0)
  rows!: number;
}

const evaluationEvent = { version: 1, source: 'evaluation' } as const;

export const EvaluationSetCreated = defineEvent({
  ...evaluationEvent,
  type: 'evaluation_set.created',
  resourceType: 'evaluation_set',
  data: EvaluationSetCreatedData,
});
export const EvaluationSetCompleted = defineEvent({
  ...evaluationEvent,
  type: 'evaluation_set.completed',
  resourceType: 'evaluation_set',
  data: EvaluationSetCompletedData,
});
export const RagEvaluationScored = defineEvent({
  ...evaluationEvent,
  type: 'rag_evaluation.scored',
  resourceType: 'rag_evaluation',
  data: RagEvaluationScoredData,
});
export const RagReportCreated = defineEvent({
  ...evaluationEvent,
  type: 'rag_report.created',
  resourceType: 'rag_report',
  data: RagReportCreatedData,
});
