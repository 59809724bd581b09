import { HttpStatus, Injectable } from '@nestjs/common';
import { ChatSessionView, TenantView, UserView } from '@rag/api';
import { ApiError, NotFoundError, Page, ServiceCallError, ServiceClient } from '@rag/http';
import { ComplianceEnv } from '../compliance.env';

const PAGE = 500;

class TooManySessionsError extends ApiError {
  constructor(limit: number) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'too_many_sessions', `the user has more than ${limit} chat sessions`);
  }
}

/** What an erasure needs to know of its subject before it is sent: it exists, and the user's sessions. */
@Injectable()
export class SubjectLookup {
  private readonly identity: ServiceClient;
  private readonly chat: ServiceClient;

  constructor(env: ComplianceEnv) {
    this.identity = new ServiceClient('identity', env.IDENTITY_URL, env.SERVICE_TIMEOUT_MS);
    this.chat = new ServiceClient('chat', env.CHAT_URL, env.SERVICE_TIMEOUT_MS);
  }

  async assertTenant(tenantId: string): Promise<void> {
    await notFoundAs('tenant', tenantId, () =>
      this.identity.call<TenantView>(tenantId, { method: 'GET', path: `/tenants/${tenantId}` }),
    );
  }

  async assertUser(tenantId: string, userId: string): Promise<void> {
    await notFoundAs('user', userId, () =>
      this.identity.call<UserView>(tenantId, { method: 'GET', path: `/users/${userId}` }),
    );
  }

  /** Every chat session the user opened (keyset pages of 500), at most 50,000. */
  async sessionsOf(tenantId: string, userId: string, limit = 50_000): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ChatSessionView> = await this.chat.call(tenantId, {
        method: 'GET',
        path: '/chat/sessions',
        query: { userId, limit: PAGE, cursor: cursor ?? undefined },
      });
      ids.push(...page.items.map((session) => session.id));
      if (ids.length > limit) throw new TooManySessionsError(limit);
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }
}

async function notFoundAs<T>(resource: string, id: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceCallError && error.status === 404) throw new NotFoundError(resource, id);
    throw error;
  }
}
