import { Injectable } from '@nestjs/common';
import { ChatContextQuery, ChatContextView } from '@rag/api';
import { TenantScope } from '@rag/database';
import { NotFoundError } from '@rag/http';
import { DataSource } from 'typeorm';
import { toChatMessageView } from '../messages/chat-message.entity';
import { countUpTo, findSessionMessage, messagesBefore } from '../messages/chat-message.queries';
import { toChatSessionView } from '../sessions/chat-session.entity';
import { ChatSessionsService } from '../sessions/chat-sessions.service';

export const DEFAULT_CONTEXT_MESSAGES = 20;

/** What a run needs to answer a user message: the session, the question and the turns before it. */
@Injectable()
export class ChatContextService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ChatSessionsService,
  ) {}

  async get(scope: TenantScope, sessionId: string, query: ChatContextQuery): Promise<ChatContextView> {
    // One snapshot, so that the history and the count agree.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const session = await this.sessions.find(manager, scope, sessionId);
      const question = await findSessionMessage(manager, scope, session.id, query.messageId, 'user');
      if (!question) throw new NotFoundError('chat_message', query.messageId);
      const limit = query.limit ?? DEFAULT_CONTEXT_MESSAGES;
      const history = await messagesBefore(manager, scope, session.id, question.id, limit);
      const messageCount = await countUpTo(manager, scope, session.id, question.id);
      return {
        session: toChatSessionView(session),
        question: toChatMessageView(question),
        history: history.map(toChatMessageView),
        messageCount,
      };
    });
  }
}
