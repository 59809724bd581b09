import { IsBoolean, IsIn, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CHAT_ROLES = ['user', 'assistant', 'system', 'tool'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

/** Prompts and messages are content: they stay in chat's tables, never in events. */
export class ChatSessionCreatedData {
  @IsBoolean()
  hasSystemPrompt!: boolean;
}

export class ChatMessageCreatedData {
  @IsUUID()
  sessionId!: string;

  @IsIn(CHAT_ROLES)
  role!: ChatRole;
}

export const ChatSessionCreated = defineEvent({
  type: 'chat.session.created',
  version: 1,
  source: 'chat',
  resourceType: 'chat_session',
  data: ChatSessionCreatedData,
});
export const ChatMessageCreated = defineEvent({
  type: 'chat.message.created',
  version: 1,
  source: 'chat',
  resourceType: 'chat_message',
  data: ChatMessageCreatedData,
});
