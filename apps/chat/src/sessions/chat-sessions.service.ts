import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChatSessionView, CreateChatSessionDto, ListChatSessionsQuery } from '@rag/api';
import { Actor, ChatSessionCreated, createEvent } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ChatSession, toChatSessionView } from './chat-session.entity';

export const chatSessions = new TenantScopedRepository(ChatSession, 'tenantId');

/** Chat sessions of a tenant; the acting user (if any) owns the session. */
@Injectable()
export class ChatSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(scope: TenantScope, input: CreateChatSessionDto, actor: Actor): Promise<ChatSessionView> {
    const tenantId = requireTenant(scope, 'opening a chat session');
    const now = new Date();
    const session: ChatSession = {
      id: randomUUID(),
      tenantId,
      userId: actor.type === 'user' ? (actor.id ?? null) : null,
      systemPrompt: input.systemPrompt ?? null,
      summary: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (manager) => {
      await chatSessions.insert(manager, scope, session);
      await this.outbox.publish(
        manager,
        createEvent(ChatSessionCreated, {
          tenantId,
          actor,
          resourceId: session.id,
          data: { hasSystemPrompt: session.systemPrompt !== null },
        }),
      );
    });
    return toChatSessionView(session);
  }

  async get(scope: TenantScope, id: string): Promise<ChatSessionView> {
    return toChatSessionView(await this.find(this.dataSource.manager, scope, id));
  }

  list(scope: TenantScope, query: ListChatSessionsQuery): Promise<Page<ChatSessionView>> {
    const builder = chatSessions.query(this.dataSource.manager, scope, 's');
    if (query.userId) builder.andWhere('s.userId = :userId', { userId: query.userId });
    return pageByCreatedAt(builder, 's', query, 'DESC', toChatSessionView);
  }

  /** The rolling summary of older turns, kept by the agents app (sessions change; messages never do). */
  async setSummary(scope: TenantScope, id: string, summary: string): Promise<ChatSessionView> {
    requireTenant(scope, 'summarising a chat session');
    return this.dataSource.transaction(async (manager) => {
      const session = await chatSessions.findOneForUpdate(manager, scope, { id });
      if (!session) throw new NotFoundError('chat_session', id);
      const updatedAt = new Date(Math.max(Date.now(), session.updatedAt.getTime()));
      await chatSessions.update(manager, scope, { id: session.id }, { summary, updatedAt });
      return toChatSessionView({ ...session, summary, updatedAt });
    });
  }

  async find(manager: EntityManager, scope: TenantScope, id: string): Promise<ChatSession> {
    const session = await chatSessions.findOne(manager, scope, { id });
    if (!session) throw new NotFoundError('chat_session', id);
    return session;
  }
}
