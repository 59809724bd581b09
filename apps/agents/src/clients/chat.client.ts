import { Injectable } from '@nestjs/common';
import { AppendReplyDto, ChatContextView, ChatMessageView, ChatSessionView, RunFailureNoticeDto } from '@rag/api';
import { ServiceClient } from '@rag/http';
import { AgentsEnv } from '../agents.env';

export interface ChatMessagesPage {
  items: ChatMessageView[];
  nextCursor: string | null;
}

/** Chat's internal API, as agents uses it. */
@Injectable()
export class ChatClient {
  private readonly chat: ServiceClient;

  constructor(env: AgentsEnv) {
    this.chat = new ServiceClient('chat', env.CHAT_URL, env.SERVICE_TIMEOUT_MS);
  }

  context(tenantId: string, sessionId: string, messageId: string, limit: number, signal?: AbortSignal) {
    return this.chat.call<ChatContextView>(tenantId, {
      method: 'GET',
      path: `/chat/sessions/${sessionId}/context`,
      query: { messageId, limit },
      signal,
    });
  }

  session(tenantId: string, sessionId: string, signal?: AbortSignal) {
    return this.chat.call<ChatSessionView>(tenantId, { method: 'GET', path: `/chat/sessions/${sessionId}`, signal });
  }

  /** Idempotent: the reply to a user message is appended once whatever the retries. */
  appendReply(tenantId: string, sessionId: string, userMessageId: string, reply: AppendReplyDto, signal?: AbortSignal) {
    return this.chat.call<ChatMessageView>(tenantId, {
      method: 'PUT',
      path: `/chat/sessions/${sessionId}/replies/${userMessageId}`,
      body: reply,
      signal,
    });
  }

  notifyRunFailure(tenantId: string, sessionId: string, notice: RunFailureNoticeDto) {
    return this.chat.call<unknown>(tenantId, {
      method: 'POST',
      path: `/chat/sessions/${sessionId}/run-failures`,
      body: notice,
    });
  }

  /** A session's messages oldest first, from `cursor` on. */
  messages(tenantId: string, sessionId: string, cursor: string | null, limit: number, signal?: AbortSignal) {
    return this.chat.call<ChatMessagesPage>(tenantId, {
      method: 'GET',
      path: `/chat/sessions/${sessionId}/messages`,
      query: { limit, cursor: cursor ?? undefined },
      signal,
    });
  }

  setSummary(tenantId: string, sessionId: string, summary: string, signal?: AbortSignal) {
    return this.chat.call<ChatSessionView>(tenantId, {
      method: 'PUT',
      path: `/chat/sessions/${sessionId}/summary`,
      body: { summary },
      signal,
    });
  }
}
