import { Injectable } from '@nestjs/common';
import { AppendReplyDto, ChatMessageView } from '@rag/api';
import { Actor, ChatMessageCreated, createEvent, replyMessageId } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { NotFoundError, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { notifyChat } from '../live/chat-notification';
import { ChatMessage, toChatMessageView } from '../messages/chat-message.entity';
import { chatMessages, findSessionMessage } from '../messages/chat-message.queries';
import { ChatSessionsService, chatSessions } from '../sessions/chat-sessions.service';

/** First key of the two-key advisory locks on chat sessions (a key space apart from one-key locks). */
const SESSION_LOCK_SPACE = 7_310_301;

export interface AppendedReply {
  message: ChatMessageView;
  /** False when the reply was there already (a retried run, a second agents replica). */
  created: boolean;
}

/**
 * The assistant's reply to a user message, appended at most once: its id derives from the user
 * message, and the check and the insert run under the session's lock (the primary key includes
 * created_at, so it alone would not refuse a second row with the same id).
 */
@Injectable()
export class ChatRepliesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly sessions: ChatSessionsService,
  ) {}

  async append(
    scope: TenantScope,
    sessionId: string,
    userMessageId: string,
    input: AppendReplyDto,
    actor: Actor,
  ): Promise<AppendedReply> {
    const tenantId = requireTenant(scope, 'appending a reply');
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.find(manager, scope, sessionId);
      await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [SESSION_LOCK_SPACE, session.id]);
      const question = await findSessionMessage(manager, scope, session.id, userMessageId, 'user');
      if (!question) throw new NotFoundError('chat_message', userMessageId);
      const id = replyMessageId(question.id);
      const existing = await findSessionMessage(manager, scope, session.id, id);
      if (existing) return { message: toChatMessageView(existing), created: false };
      const reply: ChatMessage = {
        id,
        tenantId,
        sessionId: session.id,
        role: 'assistant',
        content: input.content,
        references: input.references.map(({ citation, chunkId, objectId, url, score }) => ({
          citation,
          chunkId,
          objectId,
          url,
          score,
        })),
        // After its question even when this replica's clock is behind the one that stored it.
        createdAt: new Date(Math.max(Date.now(), question.createdAt.getTime() + 1)),
      };
      await chatMessages.insert(manager, scope, reply);
      await chatSessions.update(manager, scope, { id: session.id }, { updatedAt: reply.createdAt });
      await this.outbox.publish(
        manager,
        createEvent(ChatMessageCreated, {
          tenantId,
          actor,
          resourceId: reply.id,
          data: { sessionId: session.id, role: reply.role },
        }),
      );
      await notifyChat(manager, { kind: 'message', tenantId, sessionId: session.id, messageId: reply.id });
      return { message: toChatMessageView(reply), created: true };
    });
  }
}
