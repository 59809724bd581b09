import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull, PRINTABLE, Trim } from '@rag/http';
import { PageQuery } from '../common/page.query';

export const MAX_EVALUATION_QUESTIONS = 100;
export const JUDGE_KINDS = ['local', 'llm'] as const;
export type JudgeKind = (typeof JUDGE_KINDS)[number];

export class EvaluationQuestionDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'question must not be blank' })
  question!: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'the answer expected (coverage is then measured against it)' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(20_000)
  expectedAnswer?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'object or chunk ids that should be retrieved (adds context precision and recall)',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  expectedSources?: string[];
}

/** `POST /v1/evaluations`: an evaluation set, each question run through the real RAG path and scored. */
export class CreateEvaluationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNonNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(PRINTABLE)
  name?: string;

  @ApiPropertyOptional({ enum: JUDGE_KINDS, default: 'local' })
  @IsOptionalNonNull()
  @IsIn(JUDGE_KINDS)
  judge?: JudgeKind;

  @ApiProperty({ type: [EvaluationQuestionDto], minItems: 1, maxItems: MAX_EVALUATION_QUESTIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVALUATION_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => EvaluationQuestionDto)
  questions!: EvaluationQuestionDto[];
}

export class ListEvaluationsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'the session whose answers were evaluated' })
  @IsUUID()
  sessionId!: string;
}

export class CreateSessionReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId!: string;
}

export class EvaluationMetricsView {
  @ApiProperty({ type: Number, nullable: true })
  faithfulness!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  relevance!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  coverage!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  hallucination!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  contextPrecision!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  contextRecall!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  latencyMs!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  costUsd!: number | null;

  @ApiProperty({ description: 'the judge that scored it' })
  judge!: string;
}

/** One scored answer (rag_evaluations with its rag_metrics). */
export class RagEvaluationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sessionId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  agentRunId!: string | null;

  @ApiProperty()
  query!: string;

  @ApiProperty()
  answer!: string;

  @ApiProperty({ type: EvaluationMetricsView })
  metrics!: EvaluationMetricsView;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class EvaluationItemView {
  @ApiProperty()
  position!: number;

  @ApiProperty()
  question!: string;

  @ApiProperty({ type: String, nullable: true })
  expectedAnswer!: string | null;

  @ApiProperty({ type: [String] })
  expectedSources!: string[];

  @ApiProperty({ enum: ['pending', 'asked', 'scored', 'failed'] })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  answer!: string | null;

  @ApiProperty({ type: EvaluationMetricsView, nullable: true })
  metrics!: EvaluationMetricsView | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

export class ReportLinksView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'signed URL of the HTML report' })
  htmlUrl!: string;

  @ApiProperty({ description: 'signed URL of its JSON twin' })
  jsonUrl!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class EvaluationSetView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: ['running', 'completed'] })
  status!: string;

  @ApiProperty()
  judge!: string;

  @ApiProperty()
  total!: number;

  @ApiProperty()
  scored!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty({ type: EvaluationMetricsView, nullable: true, description: 'means over the scored questions' })
  summary!: Omit<EvaluationMetricsView, 'judge'> | null;

  @ApiProperty({ type: [EvaluationItemView] })
  items!: EvaluationItemView[];

  @ApiProperty({ type: ReportLinksView, nullable: true })
  report!: ReportLinksView | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
}
