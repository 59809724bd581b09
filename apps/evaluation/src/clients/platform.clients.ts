import { Injectable } from '@nestjs/common';
import {
  AgentRunView,
  ChatMessageView,
  ChatSessionView,
  ChunkLookupView,
  LlmCompletionView,
  PostedChatMessageView,
  TenantView,
} from '@rag/api';
import { NotFoundError, ServiceCallError, ServiceClient } from '@rag/http';
import { ChatMessage } from '@rag/llm';
import { EvaluationEnv } from '../evaluation.env';

/** The internal APIs evaluation reads answers from (content stays with its owners; events carry ids). */
@Injectable()
export class PlatformClients {
  private readonly chat: ServiceClient;
  private readonly agents: ServiceClient;
  private readonly ingestion: ServiceClient;
  private readonly identity: ServiceClient;

  constructor(private readonly env: EvaluationEnv) {
    this.chat = new ServiceClient('chat', env.CHAT_URL, env.SERVICE_TIMEOUT_MS);
    this.agents = new ServiceClient('agents', env.AGENTS_URL, env.SERVICE_TIMEOUT_MS);
    this.ingestion = new ServiceClient('ingestion', env.INGESTION_URL, env.SERVICE_TIMEOUT_MS);
    this.identity = new ServiceClient('identity', env.IDENTITY_URL, env.SERVICE_TIMEOUT_MS);
  }

  /** The session, or NotFoundError (404 for the caller) when chat knows no such session of the tenant. */
  async session(tenantId: string, sessionId: string): Promise<ChatSessionView> {
    try {
      return await this.chat.call<ChatSessionView>(tenantId, { method: 'GET', path: `/chat/sessions/${sessionId}` });
    } catch (error) {
      if (error instanceof ServiceCallError && error.status === 404) throw new NotFoundError('chat_session', sessionId);
      throw error;
    }
  }

  openSession(tenantId: string) {
    return this.chat.call<ChatSessionView>(tenantId, { method: 'POST', path: '/chat/sessions', body: {} });
  }

  /** The id of the first message of a session (a set's question, in the session of its own), if any. */
  async firstMessageId(tenantId: string, sessionId: string): Promise<string | undefined> {
    const page = await this.chat.call<{ items: ChatMessageView[] }>(tenantId, {
      method: 'GET',
      path: `/chat/sessions/${sessionId}/messages`,
      query: { limit: 1 },
    });
    return page.items[0]?.id;
  }

  /** Posts the question; its answer comes from the run `runId` names. */
  ask(tenantId: string, sessionId: string, content: string) {
    return this.chat.call<PostedChatMessageView>(tenantId, {
      method: 'POST',
      path: `/chat/sessions/${sessionId}/messages`,
      body: { content },
    });
  }

  message(tenantId: string, sessionId: string, messageId: string) {
    return this.chat.call<ChatMessageView>(tenantId, {
      method: 'GET',
      path: `/chat/sessions/${sessionId}/messages/${messageId}`,
    });
  }

  run(tenantId: string, runId: string) {
    return this.agents.call<AgentRunView>(tenantId, { method: 'GET', path: `/agent-runs/${runId}` });
  }

  /**
   * The run once it ended (it may not exist yet: the message's event is still on its way). A
   * retryable ServiceCallError when it has not ended within `waitMs`.
   */
  async endedRun(tenantId: string, runId: string, waitMs = 10_000): Promise<AgentRunView> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const run = await this.run(tenantId, runId).catch((error: unknown) => {
        if (error instanceof ServiceCallError && error.status === 404) return null;
        throw error;
      });
      if (run && run.status !== 'queued' && run.status !== 'running') return run;
      if (Date.now() > deadline) {
        throw new ServiceCallError('agents', `run ${runId} has not ended within ${waitMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  complete(tenantId: string, messages: ChatMessage[], signal?: AbortSignal) {
    return this.agents.call<LlmCompletionView>(tenantId, {
      method: 'POST',
      path: '/llm/complete',
      body: { purpose: 'evaluation', messages },
      signal,
    });
  }

  chunks(tenantId: string, ids: string[]) {
    return this.ingestion.call<ChunkLookupView>(tenantId, { method: 'POST', path: '/chunks/lookup', body: { ids } });
  }

  /** A tenant may read its own row (its metadata holds the evaluation settings). */
  tenant(tenantId: string) {
    return this.identity.call<TenantView>(tenantId, { method: 'GET', path: `/tenants/${tenantId}` });
  }
}
