import { randomUUID } from 'node:crypto';
import { ragAnswerRunId, replyMessageId } from '@rag/contracts';
import { AppProcess, appPool, closePools, expectEventually, JsonResponse, request, startApp } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack } from '../../gateway/test/support/stack';
import { createTenant, TestTenant } from '../../gateway/test/support/tenants';
import { openEventStream } from './support/event-stream';

interface MessageBody {
  id: string;
  sessionId: string;
  role: string;
  content: string;
  references: unknown[];
  createdAt: string;
}
interface PostedBody extends MessageBody {
  runId: string;
  reply?: MessageBody | null;
  runError?: { code: string; message: string } | null;
}
interface SessionBody {
  id: string;
  systemPrompt: string | null;
  summary: string | null;
  updatedAt: string;
}
interface ContextBody {
  session: SessionBody;
  question: MessageBody;
  history: MessageBody[];
  messageCount: number;
}

const UPSTREAM_TIMEOUT_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const references = (count = 2) =>
  Array.from({ length: count }, (_, index) => ({
    citation: index + 1,
    chunkId: randomUUID(),
    objectId: randomUUID(),
    url: `http://localhost:3000/v1/blobs/chunk-${index}?expires=1&signature=s`,
    score: 0.9 - index / 10,
  }));

/** The stored message as the history shows it: a POST's answer without the turn's fields. */
function asMessage({ runId: _runId, reply: _reply, runError: _runError, ...message }: PostedBody): MessageBody {
  return message;
}

/**
 * The chat side of a turn. The specs act as the agents app: they call chat's internal routes
 * (context, replies, run failures, summary) themselves. Two chat replicas share one database;
 * the gateway talks to `chat`, the "agent" mostly to `replica`, so that waits and streams only
 * hear of replies through PostgreSQL's LISTEN/NOTIFY.
 */
describe('chat turns: waiting, replies, failures and live events across replicas', () => {
  let stack: Stack;
  let call: Call;
  let gatewayUrl: string;
  let chat: AppProcess;
  let replica: AppProcess;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    [chat, replica] = await Promise.all([startApp('chat', { CHAT_SSE_KEEPALIVE_MS: '300' }), startApp('chat')]);
    // A short service deadline: waits and streams must outlast it.
    stack = await startStack({
      gatewayEnv: { CHAT_URL: chat.url, QUOTA_CACHE_TTL_MS: '0', UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) },
    });
    gatewayUrl = stack.gateways[0].url;
    call = gatewayClient(gatewayUrl);
    [tenant, other] = await Promise.all([createTenant(call, 'turns'), createTenant(call, 'turns-other')]);
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([chat?.stop(), replica?.stop()]);
    await closePools();
  });

  /** An internal call as the agents app makes it: the tenant in `x-tenant-id`, no user. */
  const agent = <T = ErrorBody>(
    method: string,
    path: string,
    body?: unknown,
    options: { app?: AppProcess; tenantId?: string } = {},
  ): Promise<JsonResponse<T>> =>
    request<T>((options.app ?? replica).url, method, path, body, {
      'x-tenant-id': options.tenantId ?? tenant.tenant.id,
      'user-agent': 'agents-as-tested/1.0',
    });

  const openSession = async (body: object = {}): Promise<SessionBody> => {
    const opened = await call<SessionBody>('POST', '/v1/chat/sessions', { key: tenant.adminKey.key, body });
    expect(opened.status).toBe(201);
    return opened.body;
  };

  const post = (sessionId: string, content: string, query = '') =>
    call<PostedBody>('POST', `/v1/chat/sessions/${sessionId}/messages${query}`, {
      key: tenant.adminKey.key,
      body: { content },
    });

  const postUser = async (sessionId: string, content: string): Promise<PostedBody> => {
    const posted = await post(sessionId, content);
    expect(posted.status).toBe(201);
    return posted.body;
  };

  const appendReply = (sessionId: string, userMessageId: string, content: string, app?: AppProcess) =>
    agent<MessageBody>(
      'PUT',
      `/chat/sessions/${sessionId}/replies/${userMessageId}`,
      { runId: ragAnswerRunId(userMessageId), content, references: references() },
      { app },
    );

  const assistantRows = async (sessionId: string) =>
    (
      await appPool('chat').query<{ id: string }>(
        `SELECT id FROM chat_messages WHERE session_id = $1 AND role = 'assistant'`,
        [sessionId],
      )
    ).rows;

  it('answers ?wait with the reply an agent appends meanwhile through another replica, with its references', async () => {
    const session = await openSession({ systemPrompt: 'Cite your sources.' });
    const started = Date.now();
    const posting = post(session.id, 'What does the report cover?', '?wait=30');

    // The agent: finds the new message, reads its context, answers.
    const question = await expectEventually(async () => {
      const listed = await agent<{ items: MessageBody[] }>('GET', `/chat/sessions/${session.id}/messages`);
      expect(listed.body.items).toHaveLength(1);
      return listed.body.items[0];
    });
    const context = await agent<ContextBody>('GET', `/chat/sessions/${session.id}/context?messageId=${question.id}`);
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({ question, history: [], messageCount: 1 });
    const cited = references(2);
    const appended = await agent<MessageBody>('PUT', `/chat/sessions/${session.id}/replies/${question.id}`, {
      runId: ragAnswerRunId(question.id),
      content: 'It covers the third quarter [1] and the outlook [2].',
      references: cited,
    });
    expect(appended.status).toBe(201);
    expect(appended.body).toEqual({
      id: replyMessageId(question.id),
      sessionId: session.id,
      role: 'assistant',
      content: 'It covers the third quarter [1] and the outlook [2].',
      references: cited,
      createdAt: expect.any(String),
    });

    const posted = await posting;
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      ...question,
      runId: ragAnswerRunId(question.id),
      reply: appended.body,
      runError: null,
    });
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(Date.parse(appended.body.createdAt)).toBeGreaterThan(Date.parse(question.createdAt));
  });

  it("answers ?wait with the run's error after a failure notice for that message (others do not end the wait)", async () => {
    const session = await openSession();
    const posting = post(session.id, 'Anyone there?', '?wait=30');
    const question = await expectEventually(async () => {
      const listed = await agent<{ items: MessageBody[] }>('GET', `/chat/sessions/${session.id}/messages`);
      expect(listed.body.items).toHaveLength(1);
      return listed.body.items[0];
    });
    const unrelated = randomUUID();
    const notice = (userMessageId: string, code: string) =>
      agent<object>('POST', `/chat/sessions/${session.id}/run-failures`, {
        runId: ragAnswerRunId(userMessageId),
        userMessageId,
        code,
        message: `the run failed: ${code}`,
        retryable: false,
      });
    const ignored = await notice(unrelated, 'not_this_one');
    expect(ignored).toMatchObject({ status: 202, body: {} });
    expect((await notice(question.id, 'all_providers_failed')).status).toBe(202);

    const posted = await posting;
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      ...question,
      runId: ragAnswerRunId(question.id),
      reply: null,
      runError: { code: 'all_providers_failed', message: 'the run failed: all_providers_failed' },
    });
    expect(await assistantRows(session.id)).toHaveLength(0);
  });

  it("answers with nulls when the wait runs out (past the gateway's usual deadline), and without the turn fields when not asked to wait", async () => {
    const session = await openSession();
    const started = Date.now();
    const waited = await post(session.id, 'Nobody answers this', '?wait=4');
    const elapsed = Date.now() - started;
    expect(waited.status).toBe(201);
    expect(waited.body).toMatchObject({
      role: 'user',
      content: 'Nobody answers this',
      runId: ragAnswerRunId(waited.body.id),
      reply: null,
      runError: null,
    });
    expect(elapsed).toBeGreaterThanOrEqual(4000);
    expect(elapsed).toBeLessThan(4000 + UPSTREAM_TIMEOUT_MS);

    const direct = await post(session.id, 'No waiting');
    expect(direct.status).toBe(201);
    expect(direct.body.runId).toBe(ragAnswerRunId(direct.body.id));
    expect(direct.body).not.toHaveProperty('reply');
    expect(direct.body).not.toHaveProperty('runError');
    expect((await post(session.id, 'Zero wait', '?wait=0')).body).not.toHaveProperty('reply');
  });

  it('appends a reply once, however many replicas and retries try (201, then 200 with the same message)', async () => {
    const session = await openSession();
    const question = await postUser(session.id, 'Only one answer, please');
    const [first, second] = await Promise.all([
      appendReply(session.id, question.id, 'answer from replica one', chat),
      appendReply(session.id, question.id, 'answer from replica two', replica),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body).toEqual(second.body);
    expect(first.body.id).toBe(replyMessageId(question.id));

    const retried = await agent<MessageBody>('PUT', `/chat/sessions/${session.id}/replies/${question.id}`, {
      runId: randomUUID(),
      content: 'a retried run',
      references: [],
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    expect(await assistantRows(session.id)).toEqual([{ id: replyMessageId(question.id) }]);

    // One event for the one reply; the session shows the activity.
    const { rows } = await appPool('chat').query<{ count: string }>(
      `SELECT count(*) FROM outbox_events WHERE payload->>'type' = 'chat.message.created'
          AND payload->'resource'->>'id' = $1 AND payload->'data'->>'role' = 'assistant'`,
      [first.body.id],
    );
    expect(rows[0].count).toBe('1');
    const read = await call<SessionBody>('GET', `/v1/chat/sessions/${session.id}`, { key: tenant.adminKey.key });
    expect(read.body.updatedAt).toBe(first.body.createdAt);

    // Only a user message of the session can be answered.
    const notFound = [
      await appendReply(session.id, randomUUID(), 'to nothing'),
      await appendReply(session.id, first.body.id, 'to the assistant'),
      await appendReply(randomUUID(), question.id, 'in no session'),
    ];
    expect(notFound.map((answer) => [answer.status, (answer.body as unknown as ErrorBody).error.code])).toEqual([
      [404, 'chat_message_not_found'],
      [404, 'chat_message_not_found'],
      [404, 'chat_session_not_found'],
    ]);
    expect(await assistantRows(session.id)).toHaveLength(1);
  });

  it('streams new messages and failed runs through the gateway, heard by one replica from another', async () => {
    const session = await openSession();
    const stream = await openEventStream(`${gatewayUrl}/v1/chat/sessions/${session.id}/events`, {
      authorization: `Bearer ${tenant.adminKey.key}`,
      'x-request-id': 'sse-req-1',
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
      expect(stream.headers['x-request-id']).toBe('sse-req-1');

      // The user message goes through the gateway's replica; the reply through the other one.
      const question = await postUser(session.id, 'Stream me the answer');
      const asked = await stream.next((event) => event.event === 'message' && event.id === question.id);
      expect(JSON.parse(asked.data)).toEqual(asMessage(question));

      const appended = await appendReply(session.id, question.id, 'Here it is [1].', replica);
      expect(appended.status).toBe(201);
      const answered = await stream.next((event) => event.id === replyMessageId(question.id));
      expect(answered.event).toBe('message');
      expect(JSON.parse(answered.data)).toEqual(appended.body);

      const failed = await agent('POST', `/chat/sessions/${session.id}/run-failures`, {
        runId: ragAnswerRunId(question.id),
        userMessageId: question.id,
        code: 'llm_timeout',
        message: 'x'.repeat(2000),
        retryable: true,
      });
      expect(failed.status).toBe(202);
      const notice = await stream.next((event) => event.event === 'run.failed');
      expect(JSON.parse(notice.data)).toEqual({
        runId: ragAnswerRunId(question.id),
        userMessageId: question.id,
        error: { code: 'llm_timeout', message: 'x'.repeat(2000) },
      });

      await expectEventually(async () => expect(stream.comments).toContain('keepalive'), 5000, 100);
      // Open for longer than the gateway's deadline for a service call: still flowing.
      await sleep(UPSTREAM_TIMEOUT_MS + 500);
      const later = await postUser(session.id, 'Still there?');
      await stream.next((event) => event.id === later.id);
      expect(stream.events.map((event) => event.event)).toEqual(['message', 'message', 'run.failed', 'message']);
    } finally {
      stream.close();
    }
    // The gateway closes its call when the client goes away, and chat lets go of the stream.
    await expectEventually(async () => {
      const metrics = await (await fetch(`${chat.url}/metrics`)).text();
      expect(metrics).toMatch(/^chat_event_streams_open 0$/m);
    }, 10_000);
  });

  it('replays the messages that followed Last-Event-ID before the live ones', async () => {
    const session = await openSession();
    const first = await postUser(session.id, 'first');
    const firstReply = (await appendReply(session.id, first.id, 'first answer')).body;
    const second = await postUser(session.id, 'second');
    const headers = { authorization: `Bearer ${tenant.adminKey.key}` };
    const url = `${gatewayUrl}/v1/chat/sessions/${session.id}/events`;

    const resumed = await openEventStream(url, { ...headers, 'last-event-id': first.id });
    try {
      await resumed.next((event) => event.id === second.id);
      expect(resumed.events.map((event) => [event.event, event.id])).toEqual([
        ['message', firstReply.id],
        ['message', second.id],
      ]);
      expect(JSON.parse(resumed.events[0].data)).toEqual(firstReply);
      const third = await postUser(session.id, 'third');
      await resumed.next((event) => event.id === third.id);
      expect(resumed.events.map((event) => event.id)).toEqual([firstReply.id, second.id, third.id]);
    } finally {
      resumed.close();
    }

    for (const [lastEventId, code] of [
      ['not-an-id', 'invalid_last_event_id'],
      [randomUUID(), 'unknown_last_event_id'],
    ]) {
      const refused = await openEventStream(url, { ...headers, 'last-event-id': lastEventId });
      expect({ status: refused.status, code: (refused.body as ErrorBody).error.code }).toEqual({ status: 400, code });
    }
  });

  it('catches a stream up when its replica lost the LISTEN connection and the notification with it', async () => {
    const session = await openSession();
    const question = await postUser(session.id, 'Will the answer get lost?');
    const stream = await openEventStream(`${chat.url}/chat/sessions/${session.id}/events`, {
      'x-tenant-id': tenant.tenant.id,
    });
    try {
      expect(stream.status).toBe(200);
      const db = appPool('chat');
      const listeners = `SELECT pid FROM pg_stat_activity WHERE application_name = 'chat:chat_session_events'`;
      await db.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) AS listening`);
      await expectEventually(async () => expect((await db.query(listeners)).rows).toHaveLength(0), 5000, 10);
      // Appended while no replica listens (each reconnects after a second).
      const appended = await appendReply(session.id, question.id, 'Caught up.', replica);
      expect(appended.status).toBe(201);
      const answered = await stream.next((event) => event.id === appended.body.id, 10_000);
      expect(JSON.parse(answered.data)).toEqual(appended.body);
      expect(chat.output()).toContain('is back after a lost connection');
    } finally {
      stream.close();
    }
  });

  it('gives a run the context of its question: the session, the turns before it, and the count', async () => {
    const session = await openSession({ systemPrompt: 'Be brief.' });
    const q1 = await postUser(session.id, 'q1');
    const a1 = (await appendReply(session.id, q1.id, 'a1')).body;
    const q2 = await postUser(session.id, 'q2');
    const a2 = (await appendReply(session.id, q2.id, 'a2')).body;
    const q3 = await postUser(session.id, 'q3');
    const context = (query: string) => agent<ContextBody>('GET', `/chat/sessions/${session.id}/context?${query}`);

    const latest = await context(`messageId=${q3.id}`);
    expect(latest.status).toBe(200);
    expect(latest.body).toEqual({
      session: expect.objectContaining({ id: session.id, systemPrompt: 'Be brief.', summary: null }),
      question: asMessage(q3),
      history: [asMessage(q1), a1, asMessage(q2), a2],
      messageCount: 5,
    });
    expect((await context(`messageId=${q3.id}&limit=2`)).body).toMatchObject({
      history: [asMessage(q2), a2],
      messageCount: 5,
    });
    expect((await context(`messageId=${q2.id}`)).body).toMatchObject({ history: [asMessage(q1), a1], messageCount: 3 });
    expect((await context(`messageId=${q1.id}&limit=0`)).body).toMatchObject({ history: [], messageCount: 1 });

    const summarised = await agent<SessionBody>('PUT', `/chat/sessions/${session.id}/summary`, {
      summary: 'The user asked q1 and q2.',
    });
    expect(summarised.status).toBe(200);
    expect(summarised.body).toMatchObject({ id: session.id, summary: 'The user asked q1 and q2.' });
    expect((await context(`messageId=${q3.id}`)).body.session.summary).toBe('The user asked q1 and q2.');
    expect(
      (await call<SessionBody>('GET', `/v1/chat/sessions/${session.id}`, { key: tenant.adminKey.key })).body.summary,
    ).toBe('The user asked q1 and q2.');

    for (const [query, code] of [
      [`messageId=${randomUUID()}`, 'chat_message_not_found'],
      [`messageId=${a1.id}`, 'chat_message_not_found'],
    ]) {
      const missing = await context(query);
      expect({ status: missing.status, code: missing.body as unknown }).toMatchObject({
        status: 404,
        code: { error: { code } },
      });
    }
    const noSession = await agent('GET', `/chat/sessions/${randomUUID()}/context?messageId=${q1.id}`);
    expect(noSession.status).toBe(404);
    expect(noSession.body.error.code).toBe('chat_session_not_found');
  });

  it("keeps another tenant's session out of reach: context, replies, failures, summary and events are 404", async () => {
    const session = await openSession();
    const question = await postUser(session.id, 'mine');
    const asOther = { tenantId: other.tenant.id };
    const answers = [
      await agent('GET', `/chat/sessions/${session.id}/context?messageId=${question.id}`, undefined, asOther),
      await agent(
        'PUT',
        `/chat/sessions/${session.id}/replies/${question.id}`,
        { runId: ragAnswerRunId(question.id), content: 'intruder', references: [] },
        asOther,
      ),
      await agent(
        'POST',
        `/chat/sessions/${session.id}/run-failures`,
        { runId: randomUUID(), userMessageId: question.id, code: 'x', message: 'y', retryable: false },
        asOther,
      ),
      await agent('PUT', `/chat/sessions/${session.id}/summary`, { summary: 'overwritten' }, asOther),
    ];
    expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [404, 'chat_session_not_found'],
      [404, 'chat_session_not_found'],
      [404, 'chat_session_not_found'],
      [404, 'chat_session_not_found'],
    ]);
    const internal = await openEventStream(`${replica.url}/chat/sessions/${session.id}/events`, {
      'x-tenant-id': other.tenant.id,
    });
    expect({ status: internal.status, body: internal.body }).toMatchObject({
      status: 404,
      body: { error: { code: 'chat_session_not_found' } },
    });
    const external = await openEventStream(`${gatewayUrl}/v1/chat/sessions/${session.id}/events`, {
      authorization: `Bearer ${other.adminKey.key}`,
    });
    expect(external.status).toBe(404);
    expect(external.headers['content-type']).toContain('application/json');
    expect(external.body).toMatchObject({ error: { code: 'chat_session_not_found' } });
    const anonymous = await openEventStream(`${gatewayUrl}/v1/chat/sessions/${session.id}/events`, {});
    expect(anonymous.status).toBe(401);

    expect(await assistantRows(session.id)).toHaveLength(0);
    const read = await call<SessionBody>('GET', `/v1/chat/sessions/${session.id}`, { key: tenant.adminKey.key });
    expect(read.body.summary).toBeNull();
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const session = await openSession();
    for (const wait of ['-1', '61', 'abc', '1.5', 'null']) {
      const viaGateway = await post(session.id, 'never stored', `?wait=${wait}`);
      const direct = await request<ErrorBody>(
        chat.url,
        'POST',
        `/chat/sessions/${session.id}/messages?wait=${wait}`,
        { content: 'never stored' },
        { 'x-tenant-id': tenant.tenant.id },
      );
      expect({ wait, gateway: viaGateway.status, chat: direct.status }).toEqual({ wait, gateway: 400, chat: 400 });
      expect((viaGateway.body as unknown as ErrorBody).error.code).toBe('validation_failed');
    }
    const { rows } = await appPool('chat').query('SELECT 1 FROM chat_messages WHERE session_id = $1', [session.id]);
    expect(rows).toHaveLength(0);

    const question = await postUser(session.id, 'answer me well');
    const valid = { runId: ragAnswerRunId(question.id), content: 'fine', references: references(1) };
    const [reference] = valid.references;
    for (const body of [
      {},
      { ...valid, runId: 'not-a-uuid' },
      { ...valid, content: '' },
      { ...valid, content: 'x'.repeat(100_001) },
      { ...valid, references: undefined },
      { ...valid, references: 'none' },
      { ...valid, references: [{ ...reference, citation: 0 }] },
      { ...valid, references: [{ ...reference, chunkId: 'chunk-1' }] },
      { ...valid, references: [{ ...reference, score: 'high' }] },
      { ...valid, references: [{ ...reference, extra: true }] },
      { ...valid, references: references(51) },
      { ...valid, role: 'user' },
    ]) {
      const answer = await agent('PUT', `/chat/sessions/${session.id}/replies/${question.id}`, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    expect((await agent('PUT', `/chat/sessions/${session.id}/replies/not-a-uuid`, valid)).status).toBe(400);
    for (const body of [
      {},
      { runId: randomUUID(), userMessageId: question.id, code: 'Bad Code', message: 'm', retryable: false },
      { runId: randomUUID(), userMessageId: question.id, code: 'ok', message: '', retryable: false },
      { runId: randomUUID(), userMessageId: question.id, code: 'ok', message: 'm', retryable: 'no' },
    ]) {
      expect((await agent('POST', `/chat/sessions/${session.id}/run-failures`, body)).status).toBe(400);
    }
    for (const query of [
      '',
      'messageId=nope',
      `messageId=${question.id}&limit=101`,
      `messageId=${question.id}&limit=-1`,
    ]) {
      expect((await agent('GET', `/chat/sessions/${session.id}/context?${query}`)).status).toBe(400);
    }
    for (const body of [{}, { summary: 1 }, { summary: null }, { summary: 'x'.repeat(20_001) }]) {
      expect((await agent('PUT', `/chat/sessions/${session.id}/summary`, body)).status).toBe(400);
    }
    expect(await assistantRows(session.id)).toHaveLength(0);
    const read = await call<SessionBody>('GET', `/v1/chat/sessions/${session.id}`, { key: tenant.adminKey.key });
    expect(read.body.summary).toBeNull();
  });

  it('ends open streams and waits when a replica or a gateway shuts down, instead of holding the shutdown', async () => {
    const session = await openSession();
    const leaving = await startApp('chat');
    const edge = await startApp('gateway', {
      IDENTITY_URL: stack.identity.url,
      AUDIT_URL: stack.audit.url,
      CHAT_URL: leaving.url,
    });
    try {
      const throughGateway = await openEventStream(`${edge.url}/v1/chat/sessions/${session.id}/events`, {
        authorization: `Bearer ${tenant.adminKey.key}`,
      });
      expect(throughGateway.status).toBe(200);
      // An open stream must not hold the process until the client lets go of its connection.
      let started = Date.now();
      await edge.stop();
      await throughGateway.ended();
      expect(Date.now() - started).toBeLessThan(3000);

      const direct = await openEventStream(`${leaving.url}/chat/sessions/${session.id}/events`, {
        'x-tenant-id': tenant.tenant.id,
      });
      expect(direct.status).toBe(200);
      const waiting = request<PostedBody>(
        leaving.url,
        'POST',
        `/chat/sessions/${session.id}/messages?wait=60`,
        { content: 'Answer before you go?' },
        { 'x-tenant-id': tenant.tenant.id },
      );
      await direct.next((event) => event.event === 'message');
      started = Date.now();
      await leaving.stop();
      await direct.ended();
      const answered = await waiting;
      expect(answered.headers.get('connection')).toBe('close');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(answered.status).toBe(201);
      expect(answered.body).toMatchObject({ content: 'Answer before you go?', reply: null, runError: null });
    } finally {
      await Promise.all([edge.stop(), leaving.stop()]);
    }
  });
});
