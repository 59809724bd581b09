import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChatMessageView, ListChatMessagesQuery, PostChatMessageDto } from '@rag/api';
import { Actor, ChatMessageCreated, createEvent } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { Page, pageByCreatedAt, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { ChatSessionsService, chatSessions } from '../sessions/chat-sessions.service';
import { ChatMessage, toChatMessageView } from './chat-message.entity';

const chatMessages = new TenantScopedRepository(ChatMessage, 'tenantId');

/** A session's messages: appended, never changed; `chat.message.created` starts the reply. */
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
  ): Promise<ChatMessageView> {
    const tenantId = requireTenant(scope, 'posting a chat message');
    return this.dataSource.transaction(async (manager) => {
      await this.sessions.find(manager, scope, sessionId);
      const message: ChatMessage = {
        id: randomUUID(),
        tenantId,
        sessionId,
        role: 'user',
        content: input.content,
        references: [],
        createdAt: new Date(),
      };
      await chatMessages.insert(manager, scope, message);
      await chatSessions.update(manager, scope, { id: sessionId }, { updatedAt: message.createdAt });
      await this.outbox.publish(
        manager,
        createEvent(ChatMessageCreated, {
          tenantId,
          actor,
          resourceId: message.id,
          data: { sessionId, role: message.role },
        }),
      );
      return toChatMessageView(message);
    });
  }

  async list(scope: TenantScope, sessionId: string, query: ListChatMessagesQuery): Promise<Page<ChatMessageView>> {
    await this.sessions.find(this.dataSource.manager, scope, sessionId);
    const builder = chatMessages
      .query(this.dataSource.manager, scope, 'm')
      .andWhere('m.sessionId = :sessionId', { sessionId });
    return pageByCreatedAt(builder, 'm', query, 'ASC', toChatMessageView);
  }
}
