import { Injectable } from '@nestjs/common';
import { AppendReplyDto, ChatContextView, ChatMessageView, ChatSessionView, RunFailureNoticeDto } from '@rag/api';
import { callService } from '@rag/http';
import { AgentsEnv } from '../agents.env';

export interface ChatMessagesPage {
  items: ChatMessageView[];
  nextCursor: string | null;
}

/** Chat's internal API, as agents uses it. */
@Injectable()
export class ChatClient {
  constructor(private readonly env: AgentsEnv) {}

  context(tenantId: string, sessionId: string, messageId: string, limit: number, signal?: AbortSignal) {
    return this.call<ChatContextView>(tenantId, signal, {
      method: 'GET',
      path: `/chat/sessions/${sessionId}/context`,
      query: { messageId, limit },
    });
  }

  session(tenantId: string, sessionId: string, signal?: AbortSignal) {
    return this.call<ChatSessionView>(tenantId, signal, { method: 'GET', path: `/chat/sessions/${sessionId}` });
  }

  /** Idempotent: the reply to a user message is appended once whatever the retries. */
  appendReply(tenantId: string, sessionId: string, userMessageId: string, reply: AppendReplyDto, signal?: AbortSignal) {
    return this.call<ChatMessageView>(tenantId, signal, {
      method: 'PUT',
      path: `/chat/sessions/${sessionId}/replies/${userMessageId}`,
      body: reply,
    });
  }

  notifyRunFailure(tenantId: string, sessionId: string, notice: RunFailureNoticeDto) {
    return this.call<unknown>(tenantId, undefined, {
      method: 'POST',
      path: `/chat/sessions/${sessionId}/run-failures`,
      body: notice,
    });
  }

  /** A session's messages oldest first, from `cursor` on. */
  messages(tenantId: string, sessionId: string, cursor: string | null, limit: number, signal?: AbortSignal) {
    return this.call<ChatMessagesPage>(tenantId, signal, {
      method: 'GET',
      path: `/chat/sessions/${sessionId}/messages`,
      query: { limit, cursor: cursor ?? undefined },
    });
  }

  setSummary(tenantId: string, sessionId: string, summary: string, signal?: AbortSignal) {
    return this.call<ChatSessionView>(tenantId, signal, {
      method: 'PUT',
      path: `/chat/sessions/${sessionId}/summary`,
      body: { summary },
    });
  }

  private call<T>(
    tenantId: string,
    signal: AbortSignal | undefined,
    call: {
      method: 'GET' | 'PUT' | 'POST';
      path: string;
      query?: Record<string, string | number | undefined>;
      body?: unknown;
    },
  ): Promise<T> {
    return callService<T>('chat', this.env.CHAT_URL, {
      ...call,
      tenantId,
      signal,
      timeoutMs: this.env.SERVICE_TIMEOUT_MS,
    });
  }
}
