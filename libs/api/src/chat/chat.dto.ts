import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CHAT_ROLES, ChatRole } from '@rag/contracts';
import { IsOptionalNonNull } from '@rag/http';
import { PageQuery } from '../common/page.query';

export const MAX_SYSTEM_PROMPT_CHARS = 20_000;
export const MAX_MESSAGE_CHARS = 20_000;

export class CreateChatSessionDto {
  @ApiPropertyOptional({ maxLength: MAX_SYSTEM_PROMPT_CHARS })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(MAX_SYSTEM_PROMPT_CHARS)
  systemPrompt?: string;
}

export class PostChatMessageDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_MESSAGE_CHARS })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_CHARS)
  @Matches(/\S/, { message: 'content must not be blank' })
  content!: string;
}

export class ListChatSessionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "only this user's sessions" })
  @IsOptionalNonNull()
  @IsUUID()
  userId?: string;
}
export class ListChatMessagesQuery extends PageQuery {}

export class ChatSessionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the acting user (X-User-Id) who opened it',
  })
  userId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  systemPrompt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'rolling summary of older turns' })
  summary!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** A source of an assistant message: `citation` is the n of the [n] markers in its content. */
export class ChatReferenceView {
  @ApiProperty({ minimum: 1 })
  citation!: number;

  @ApiProperty({ format: 'uuid' })
  chunkId!: string;

  @ApiProperty({ format: 'uuid' })
  objectId!: string;

  @ApiProperty({ description: 'signed URL of the chunk text' })
  url!: string;

  @ApiProperty()
  score!: number;
}

export class ChatMessageView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  sessionId!: string;

  @ApiProperty({ enum: CHAT_ROLES })
  role!: ChatRole;

  @ApiProperty()
  content!: string;

  @ApiProperty({ type: [ChatReferenceView] })
  references!: ChatReferenceView[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
