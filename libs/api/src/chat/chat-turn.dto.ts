import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull } from '@rag/http';
import { ChatMessageView, ChatReferenceView, ChatSessionView, MAX_SYSTEM_PROMPT_CHARS } from './chat.dto';

export const MAX_WAIT_SECONDS = 60;
export const MAX_REPLY_CHARS = 100_000;
export const MAX_REFERENCES = 50;
export const MAX_CONTEXT_MESSAGES = 100;

export class PostChatMessageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    default: 0,
    description: "seconds to wait for the assistant's reply before answering (0: answer at once)",
  })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WAIT_SECONDS)
  wait?: number;
}

export class RunErrorView {
  @ApiProperty({ example: 'all_providers_failed' })
  code!: string;

  @ApiProperty()
  message!: string;
}

/** The stored user message, the run that answers it and, with `?wait=`, how the turn ended. */
export class PostedChatMessageView extends ChatMessageView {
  @ApiProperty({ format: 'uuid', description: 'the rag-answer run (GET /v1/agent-runs/:id)' })
  runId!: string;

  @ApiPropertyOptional({
    type: ChatMessageView,
    nullable: true,
    description: 'with ?wait=: the reply, or null when the run failed or the wait ran out',
  })
  reply?: ChatMessageView | null;

  @ApiPropertyOptional({
    type: RunErrorView,
    nullable: true,
    description: 'with ?wait=: why the run failed (null when it answered or is still going)',
  })
  runError?: RunErrorView | null;
}

/** Internal (agents): the context of the user message a run answers. */
export class ChatContextQuery {
  @IsUUID()
  messageId!: string;

  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_CONTEXT_MESSAGES)
  limit?: number;
}

export class ChatContextView {
  session!: ChatSessionView;
  /** The user message being answered. */
  question!: ChatMessageView;
  /** Up to `limit` messages before the question, oldest first. */
  history!: ChatMessageView[];
  /** Messages in the session up to and including the question. */
  messageCount!: number;
}

export class ChatReferenceDto implements ChatReferenceView {
  @IsInt()
  @Min(1)
  @Max(1000)
  citation!: number;

  @IsUUID()
  chunkId!: string;

  @IsUUID()
  objectId!: string;

  @IsString()
  @MaxLength(4096)
  url!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number;
}

/** Internal (agents): the assistant's reply to a user message; appended once whatever the retries. */
export class AppendReplyDto {
  @IsUUID()
  runId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(MAX_REPLY_CHARS)
  content!: string;

  @IsArray()
  @ArrayMaxSize(MAX_REFERENCES)
  @ValidateNested({ each: true })
  @Type(() => ChatReferenceDto)
  references!: ChatReferenceDto[];
}

/** Internal (agents): a run that ended without a reply, told to whoever waits on the session. */
export class RunFailureNoticeDto {
  @IsUUID()
  runId!: string;

  @IsUUID()
  userMessageId!: string;

  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message!: string;

  @IsBoolean()
  retryable!: boolean;
}

/** Internal (agents): the rolling summary of a session's older turns. */
export class SetSessionSummaryDto {
  @IsString()
  @MaxLength(MAX_SYSTEM_PROMPT_CHARS)
  summary!: string;
}
