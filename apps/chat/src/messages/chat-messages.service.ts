import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChatMessageView, ListChatMessagesQuery, PostChatMessageDto } from '@rag/api';
import { Actor, ChatMessageCreated, createEvent } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { ChatSessionsService, chatSessions } from '../sessions/chat-sessions.service';
import { notifyChat } from '../live/chat-notification';
import { ChatMessage, toChatMessageView } from './chat-message.entity';
import { chatMessages, findSessionMessage } from './chat-message.queries';

/**
 * A session's messages: appended, never changed; `chat.message.created` starts the reply, and a
 * NOTIFY at commit tells every replica's streams.
 */
@Injectable()
export class ChatMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly sessions: ChatSessionsService,
  ) {}

  async postUserMessage(
    scope: TenantScope,
    sessionId: string,
    input: PostChatMessageDto,
    actor: Actor,
    id: string = randomUUID(),
  ): Promise<ChatMessageView> {
    const tenantId = requireTenant(scope, 'posting a chat message');
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.find(manager, scope, sessionId);
      const message: ChatMessage = {
        id,
        tenantId,
        sessionId: session.id,
        role: 'user',
        content: input.content,
        references: [],
        createdAt: new Date(),
      };
      await chatMessages.insert(manager, scope, message);
      await chatSessions.update(manager, scope, { id: session.id }, { updatedAt: message.createdAt });
      await this.outbox.publish(
        manager,
        createEvent(ChatMessageCreated, {
          tenantId,
          actor,
          resourceId: message.id,
          data: { sessionId: session.id, role: message.role },
        }),
      );
      await notifyChat(manager, { kind: 'message', tenantId, sessionId: session.id, messageId: message.id });
      return toChatMessageView(message);
    });
  }

  async get(scope: TenantScope, sessionId: string, messageId: string): Promise<ChatMessageView> {
    await this.sessions.find(this.dataSource.manager, scope, sessionId);
    const message = await findSessionMessage(this.dataSource.manager, scope, sessionId, messageId);
    if (!message) throw new NotFoundError('chat_message', messageId);
    return toChatMessageView(message);
  }

  async list(scope: TenantScope, sessionId: string, query: ListChatMessagesQuery): Promise<Page<ChatMessageView>> {
    await this.sessions.find(this.dataSource.manager, scope, sessionId);
    const builder = chatMessages
      .query(this.dataSource.manager, scope, 'm')
      .andWhere('m.sessionId = :sessionId', { sessionId });
    return pageByCreatedAt(builder, 'm', query, 'ASC', toChatMessageView);
  }
}
