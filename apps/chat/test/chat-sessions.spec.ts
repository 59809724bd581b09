import { appPool, closePools, expectEventually, startApp } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack, SYSTEM_KEY } from '../../gateway/test/support/stack';
import { createTenant, createUser, TestTenant } from '../../gateway/test/support/tenants';

interface SessionBody {
  id: string;
  tenantId: string;
  userId: string | null;
  systemPrompt: string | null;
}
interface MessageBody {
  id: string;
  sessionId: string;
  role: string;
  content: string;
  references: unknown[];
}

describe('chat sessions and immutable messages through the gateway', () => {
  let stack: Stack;
  let call: Call;
  let tenant: TestTenant;
  let other: TestTenant;
  let chat: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    chat = await startApp('chat');
    stack = await startStack({ gatewayEnv: { CHAT_URL: chat.url, QUOTA_CACHE_TTL_MS: '0' } });
    call = gatewayClient(stack.gateways[0].url);
    [tenant, other] = await Promise.all([createTenant(call, 'chat'), createTenant(call, 'chat-other')]);
  });

  afterAll(async () => {
    await stack?.stop();
    await chat?.stop();
    await closePools();
  });

  const openSession = async (key: string, body: object = {}, userId?: string) => {
    const answer = await call<SessionBody>('POST', '/v1/chat/sessions', { key, body, userId });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  it('opens a session owned by the acting user and keeps its messages in order', async () => {
    const user = await createUser(call, tenant.adminKey.key, 'user');
    const session = await openSession(tenant.adminKey.key, { systemPrompt: 'Answer briefly.' }, user.id);
    expect(session).toMatchObject({ tenantId: tenant.tenant.id, userId: user.id, systemPrompt: 'Answer briefly.' });

    for (const content of ['first question', 'second question']) {
      const posted = await call<MessageBody>('POST', `/v1/chat/sessions/${session.id}/messages`, {
        key: tenant.adminKey.key,
        body: { content },
      });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ sessionId: session.id, role: 'user', content, references: [] });
    }
    const listed = await call<{ items: MessageBody[]; nextCursor: string | null }>(
      'GET',
      `/v1/chat/sessions/${session.id}/messages`,
      { key: tenant.adminKey.key },
    );
    expect(listed.body.items.map((message) => message.content)).toEqual(['first question', 'second question']);

    // Events carry ids only; both reach the audit trail.
    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string }>(
        `SELECT action FROM audit_logs WHERE tenant_id = $1 AND action LIKE 'chat.%' ORDER BY created_at`,
        [tenant.tenant.id],
      );
      expect(rows.map((row) => row.action)).toEqual([
        'chat.session.created',
        'chat.message.created',
        'chat.message.created',
      ]);
    });
  });

  it("never shows or accepts messages for another tenant's session", async () => {
    const session = await openSession(tenant.adminKey.key);
    const key = other.adminKey.key;
    expect((await call('GET', `/v1/chat/sessions/${session.id}`, { key })).status).toBe(404);
    expect((await call('GET', `/v1/chat/sessions/${session.id}/messages`, { key })).status).toBe(404);
    const posted = await call<ErrorBody>('POST', `/v1/chat/sessions/${session.id}/messages`, {
      key,
      body: { content: 'hello' },
    });
    expect(posted.status).toBe(404);
    const { rows } = await appPool('chat').query('SELECT 1 FROM chat_messages WHERE session_id = $1', [session.id]);
    expect(rows).toHaveLength(0);
    const listed = await call<{ items: SessionBody[] }>('GET', '/v1/chat/sessions', { key });
    expect(listed.body.items.some((item) => item.id === session.id)).toBe(false);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const session = await openSession(tenant.adminKey.key);
    for (const body of [
      {},
      { content: '' },
      { content: '   ' },
      { content: 'x'.repeat(20_001) },
      { content: 1 },
      { content: 'a', role: 'assistant' },
    ]) {
      const answer = await call('POST', `/v1/chat/sessions/${session.id}/messages`, { key: tenant.adminKey.key, body });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    expect(
      (
        await call('POST', '/v1/chat/sessions/not-a-uuid/messages', {
          key: tenant.adminKey.key,
          body: { content: 'a' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('POST', '/v1/chat/sessions', { key: tenant.adminKey.key, body: { systemPrompt: null } })).status,
    ).toBe(400);
    const { rows } = await appPool('chat').query('SELECT 1 FROM chat_messages WHERE session_id = $1', [session.id]);
    expect(rows).toHaveLength(0);
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE of messages; only the purge path deletes', async () => {
    const session = await openSession(tenant.adminKey.key);
    const posted = await call<MessageBody>('POST', `/v1/chat/sessions/${session.id}/messages`, {
      key: tenant.adminKey.key,
      body: { content: 'keep me' },
    });
    const db = appPool('chat');
    await expect(
      db.query(`UPDATE chat_messages SET content = 'changed' WHERE id = $1`, [posted.body.id]),
    ).rejects.toThrow(/immutable: UPDATE refused/);
    await expect(db.query('DELETE FROM chat_messages WHERE id = $1', [posted.body.id])).rejects.toThrow(
      /immutable: DELETE refused/,
    );
    await expect(db.query('TRUNCATE chat_messages')).rejects.toThrow(/immutable: TRUNCATE refused/);
    const { rows } = await db.query<{ content: string }>('SELECT content FROM chat_messages WHERE id = $1', [
      posted.body.id,
    ]);
    expect(rows).toEqual([{ content: 'keep me' }]);

    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL rag.purge = 'on'`);
      const purged = await client.query('DELETE FROM chat_messages WHERE id = $1', [posted.body.id]);
      await client.query('COMMIT');
      expect(purged.rowCount).toBe(1);
    } finally {
      client.release();
    }
  });

  it('refuses new messages with 429 once the daily token quota is used up, and recovers', async () => {
    const limited = await createTenant(call, 'chat-quota');
    const session = await openSession(limited.adminKey.key);
    const setTokens = (maxTokensPerDay: number) =>
      call('PUT', `/v1/tenants/${limited.tenant.id}/quotas`, {
        key: SYSTEM_KEY,
        body: { maxTokensPerDay, maxIngestionsPerDay: 10, maxStorageBytes: 1_000_000 },
      });
    expect((await setTokens(0)).status).toBe(200);
    const refused = await call<ErrorBody>('POST', `/v1/chat/sessions/${session.id}/messages`, {
      key: limited.adminKey.key,
      body: { content: 'hello' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'quota_exceeded', details: { quota: 'tokens' } });
    expect((await setTokens(1000)).status).toBe(200);
    const accepted = await call('POST', `/v1/chat/sessions/${session.id}/messages`, {
      key: limited.adminKey.key,
      body: { content: 'hello' },
    });
    expect(accepted.status).toBe(201);
  });
});
