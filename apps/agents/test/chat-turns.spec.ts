import { appPool, closePools, expectEventually } from '@rag/testing';
import { FakeLlmServer, json, silence } from '../../../libs/llm/src/fake-llm-server';
import { ErrorBody, SYSTEM_KEY } from '../../gateway/test/support/stack';
import { createTenant, createUser, TestTenant } from '../../gateway/test/support/tenants';
import {
  anthropicAnswer,
  ChatTurnStack,
  delayed,
  ingestCorpus,
  openAiAnswer,
  startChatTurnStack,
  useFakeProviders as useProviders,
} from './support/chat-turn-stack';

interface Reference {
  citation: number;
  chunkId: string;
  objectId: string;
  url: string;
  score: number;
}
interface Message {
  id: string;
  role: string;
  content: string;
  references: Reference[];
}
interface Turn extends Message {
  runId: string;
  reply: Message | null;
  runError: { code: string; message: string } | null;
}
interface Run {
  id: string;
  status: string;
  attempts: number;
  provider: string | null;
  model: string | null;
  usage: { inputTokens: number; outputTokens: number; costUsd: number } | null;
  replyMessageId: string | null;
  steps: { name: string; attempt: number; details?: Record<string, unknown> }[];
  failures: { errorType: string; retryable: boolean }[];
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

const NOT_FOUND_ANSWER = 'I could not find this in the provided sources.';
const CORPUS = ['refund-policy.md', 'office-handbook.html', 'security-faq.txt'];

describe('chat turns answered by agent runs (chat, agents, ingestion, identity through the gateway)', () => {
  let stack: ChatTurnStack;
  let primary: FakeLlmServer;
  let secondary: FakeLlmServer;

  beforeAll(async () => {
    [primary, secondary] = await Promise.all([new FakeLlmServer().start(), new FakeLlmServer().start()]);
    stack = await startChatTurnStack({
      FAKE_LLM_KEY: 'sk-test-key',
      AGENT_TENANT_CONCURRENCY: '1',
      LLM_PRICES: JSON.stringify({ 'claude-test': { inputPerMillion: 3, outputPerMillion: 15 } }),
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([primary?.stop(), secondary?.stop()]);
    await closePools();
  });

  const tenantWithCorpus = async (label: string) => {
    const tenant = await createTenant(stack.call, label);
    const objects = await ingestCorpus(stack, tenant, CORPUS);
    return { tenant, objects };
  };
  const openSession = async (tenant: TestTenant, userId?: string) => {
    const answer = await stack.call<{ id: string }>('POST', '/v1/chat/sessions', {
      key: tenant.adminKey.key,
      body: {},
      userId,
    });
    expect(answer.status).toBe(201);
    return answer.body.id;
  };
  const ask = (tenant: TestTenant, sessionId: string, content: string, wait = 30, userId?: string) =>
    stack.call<Turn>('POST', `/v1/chat/sessions/${sessionId}/messages?wait=${wait}`, {
      key: tenant.adminKey.key,
      body: { content },
      userId,
    });
  /** The run once it ended (the reply reaches a waiting client a moment before the run is marked done). */
  const readRun = (tenant: TestTenant, id: string) =>
    expectEventually(async () => {
      const answer = await stack.call<Run>('GET', `/v1/agent-runs/${id}`, { key: tenant.adminKey.key });
      expect(answer.status).toBe(200);
      expect(['succeeded', 'failed', 'cancelled']).toContain(answer.body.status);
      return answer.body;
    }, 30_000);
  /** Registers the two fake servers as providers and makes them the tenant's priority order. */
  const useFakeProviders = (tenant: TestTenant) => useProviders(stack.call, tenant, primary.url, secondary.url);

  it('answers from the ingested corpus with references to the chunks it cites, and meters the tokens', async () => {
    const { tenant, objects } = await tenantWithCorpus('turns');
    const user = await createUser(stack.call, tenant.adminKey.key, 'user');
    const sessionId = await openSession(tenant, user.id);

    const turn = await ask(tenant, sessionId, 'What is the refund window for damaged parcels?', 30, user.id);
    expect(turn.status).toBe(201);
    expect(turn.body.runError).toBeNull();
    const reply = turn.body.reply!;
    expect(reply.role).toBe('assistant');
    expect(reply.content).toContain('30 days');
    expect(reply.content).toMatch(/\[\d+\]/);
    expect(reply.references.length).toBeGreaterThan(0);
    // Each cited sentence comes from the chunk its reference points to, and that chunk is the policy's.
    const cited = [...reply.content.matchAll(/(.+?) \[(\d+)\]\s*/g)].map((match) => ({
      sentence: match[1],
      citation: Number(match[2]),
    }));
    expect(cited.length).toBeGreaterThan(0);
    const chunkTexts: string[] = [];
    for (const { sentence, citation } of cited) {
      const reference = reply.references.find((candidate) => candidate.citation === citation)!;
      expect(reference.objectId).toBe(objects.get('refund-policy.md'));
      const chunk = await fetch(reference.url);
      expect(chunk.status).toBe(200);
      const text = (await chunk.text()).replace(/\s+/g, ' ');
      expect(text).toContain(sentence);
      chunkTexts.push(text);
    }
    expect(chunkTexts.some((text) => text.includes('refund window of 30 days'))).toBe(true);

    const run = await readRun(tenant, turn.body.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      provider: 'local-extractive',
      replyMessageId: reply.id,
      error: null,
    });
    expect(run.usage!.inputTokens).toBeGreaterThan(0);
    expect(run.steps.map((step) => step.name)).toEqual(['context', 'retrieval', 'prompt', 'quota', 'model', 'reply']);

    // Identity meters the run's tokens; the run's events reach the audit trail.
    const tokens = run.usage!.inputTokens + run.usage!.outputTokens;
    await expectEventually(async () => {
      const { rows } = await appPool('identity').query<{ tokens: string }>(
        `SELECT COALESCE(sum(tokens_used), 0) AS tokens FROM usage_metrics WHERE tenant_id = $1`,
        [tenant.tenant.id],
      );
      expect(Number(rows[0].tokens)).toBe(tokens);
    });
    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string; actor_id: string | null }>(
        `SELECT action, actor_id FROM audit_logs WHERE tenant_id = $1 AND resource_id = $2`,
        [tenant.tenant.id, run.id],
      );
      expect(rows.map((row) => row.action)).toEqual(['agent.run.completed']);
    });
  });

  it('says it found nothing, without asking a model, when nothing relevant is retrieved', async () => {
    const { tenant } = await tenantWithCorpus('turns-nothing');
    const sessionId = await openSession(tenant);
    const turn = await ask(tenant, sessionId, 'Which composer wrote the Zylophant Quxnorberg symphony?');
    expect(turn.body.reply).toMatchObject({ content: NOT_FOUND_ANSWER, references: [] });
    const run = await readRun(tenant, turn.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', provider: 'none', usage: { inputTokens: 0, outputTokens: 0 } });
  });

  it.each([
    ['500', json(500, { error: { message: 'upstream exploded' } }), 'server_error'],
    ['429', json(429, { error: { message: 'slow down' } }, { 'retry-after': '1' }), 'rate_limited'],
    ['a timeout', silence, 'timeout'],
  ])('falls back to the next provider when the first answers %s, and records the failure', async (_, failure, kind) => {
    const { tenant } = await tenantWithCorpus(`turns-fallback-${kind}`);
    const names = await useFakeProviders(tenant);
    primary.reply(failure);
    secondary.reply(anthropicAnswer('Damaged parcels have a refund window of 30 days [1].'));
    const sessionId = await openSession(tenant);

    const turn = await ask(tenant, sessionId, 'What is the refund window for damaged parcels?');
    expect(turn.body.reply?.content).toBe('Damaged parcels have a refund window of 30 days [1].');
    expect(turn.body.reply?.references).toHaveLength(1);
    const run = await readRun(tenant, turn.body.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      provider: names.anthropic,
      model: 'claude-test',
      usage: { inputTokens: 150, outputTokens: 10, costUsd: (150 * 3 + 10 * 15) / 1_000_000 },
    });
    expect(run.failures).toEqual([expect.objectContaining({ errorType: kind, retryable: true })]);
    const modelStep = run.steps.find((step) => step.name === 'model')!;
    expect(modelStep.details!.attempts).toEqual([
      expect.objectContaining({ provider: names.openAi, error: kind }),
      expect.objectContaining({ provider: names.anthropic, error: null }),
    ]);
    // The API key went to the provider from the variable named by credentials_ref.
    expect(secondary.received.at(-1)!.headers['x-api-key']).toBe('sk-test-key');
  });

  it('fails cleanly when every provider is down, and the waiting client sees why', async () => {
    const { tenant } = await tenantWithCorpus('turns-down');
    await useFakeProviders(tenant);
    const down = json(503, { error: { message: 'overloaded' } });
    primary.reply(down, down);
    secondary.reply(down, down);
    const sessionId = await openSession(tenant);

    const turn = await ask(tenant, sessionId, 'What is the refund window for damaged parcels?');
    expect(turn.status).toBe(201);
    expect(turn.body.reply).toBeNull();
    expect(turn.body.runError).toMatchObject({ code: 'all_providers_failed' });
    expect(turn.body.runError!.message).toContain('server_error');

    const run = await readRun(tenant, turn.body.runId);
    expect(run).toMatchObject({ status: 'failed', attempts: 2, replyMessageId: null });
    expect(run.error).toMatch(/^all_providers_failed/);
    // Two attempts, each: two provider calls, then the attempt itself.
    expect(run.failures.map((failure) => failure.errorType)).toEqual([
      'server_error',
      'server_error',
      'all_providers_failed',
      'server_error',
      'server_error',
      'all_providers_failed',
    ]);
    const history = await stack.call<{ items: Message[] }>('GET', `/v1/chat/sessions/${sessionId}/messages`, {
      key: tenant.adminKey.key,
    });
    expect(history.body.items.map((message) => message.role)).toEqual(['user']);
  });

  it('completes a run once, with one reply, when the agents app is killed in the middle of it', async () => {
    const { tenant } = await tenantWithCorpus('turns-crash');
    const names = await useFakeProviders(tenant);
    const answer = 'Damaged parcels have a refund window of 30 days [1].';
    const requestsBefore = primary.received.length;
    primary.reply(delayed(1000, openAiAnswer(answer)), openAiAnswer(answer));
    const sessionId = await openSession(tenant);

    const posted = await ask(tenant, sessionId, 'What is the refund window for damaged parcels?', 0);
    expect(posted.status).toBe(201);
    await expectEventually(async () => expect(primary.received.length).toBe(requestsBefore + 1));
    await stack.agents.kill();
    await stack.agents.restart();

    const run = await expectEventually(async () => {
      const current = await readRun(tenant, posted.body.runId);
      expect(current.status).toBe('succeeded');
      return current;
    }, 30_000);
    expect(run).toMatchObject({ attempts: 2, provider: names.openAi });
    expect(run.failures.map((failure) => failure.errorType)).toEqual(['worker_lost']);
    const history = await stack.call<{ items: Message[] }>('GET', `/v1/chat/sessions/${sessionId}/messages`, {
      key: tenant.adminKey.key,
    });
    expect(history.body.items.map((message) => [message.role, message.content])).toEqual([
      ['user', 'What is the refund window for damaged parcels?'],
      ['assistant', answer],
    ]);
    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string }>(
        `SELECT action FROM audit_logs WHERE resource_id = $1`,
        [run.id],
      );
      expect(rows.map((row) => row.action)).toEqual(['agent.run.completed']);
    });
  });

  it('answers a message posted while the agents app was down once it is back', async () => {
    const { tenant } = await tenantWithCorpus('turns-down-app');
    const sessionId = await openSession(tenant);
    await stack.agents.stop();
    try {
      const posted = await ask(tenant, sessionId, 'What is the name of the office wifi network?', 1);
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ reply: null, runError: null });
    } finally {
      await stack.agents.restart();
    }
    const history = await expectEventually(async () => {
      const answer = await stack.call<{ items: Message[] }>('GET', `/v1/chat/sessions/${sessionId}/messages`, {
        key: tenant.adminKey.key,
      });
      expect(answer.body.items.map((message) => message.role)).toEqual(['user', 'assistant']);
      return answer.body.items;
    }, 30_000);
    expect(history[1].content).toContain('Heron-5G');
  });

  it('cancels a running run: its worker stops and no reply is ever appended', async () => {
    const { tenant } = await tenantWithCorpus('turns-cancel');
    await useFakeProviders(tenant);
    const requestsBefore = primary.received.length;
    primary.reply(delayed(1000, openAiAnswer('Too late [1].')));
    const sessionId = await openSession(tenant);
    const posted = await ask(tenant, sessionId, 'What is the refund window for damaged parcels?', 0);
    await expectEventually(async () => expect(primary.received.length).toBe(requestsBefore + 1));

    const cancelled = await stack.call<Run>('POST', `/v1/agent-runs/${posted.body.runId}/cancel`, {
      key: tenant.adminKey.key,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await readRun(tenant, posted.body.runId)).status).toBe('cancelled');
    const history = await stack.call<{ items: Message[] }>('GET', `/v1/chat/sessions/${sessionId}/messages`, {
      key: tenant.adminKey.key,
    });
    expect(history.body.items.map((message) => message.role)).toEqual(['user']);
  });

  it("runs a tenant's runs one at a time with AGENT_TENANT_CONCURRENCY=1, without holding up other tenants", async () => {
    const [{ tenant: busy }, { tenant: neighbour }] = await Promise.all([
      tenantWithCorpus('turns-busy'),
      tenantWithCorpus('turns-neighbour'),
    ]);
    await useFakeProviders(busy);
    primary.reply(delayed(800, openAiAnswer('First [1].')), delayed(800, openAiAnswer('Second [1].')));
    const [first, second] = await Promise.all(
      [0, 1].map(async () => ask(busy, await openSession(busy), 'What is the refund window for damaged parcels?', 0)),
    );
    const neighbourTurn = await ask(
      neighbour,
      await openSession(neighbour),
      'What is the name of the office wifi network?',
    );
    expect(neighbourTurn.body.reply?.content).toContain('Heron-5G');

    const [a, b] = await Promise.all([readRun(busy, first.body.runId), readRun(busy, second.body.runId)]);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    const [earlier, later] = [a, b].sort((x, y) => Date.parse(x.startedAt!) - Date.parse(y.startedAt!));
    expect(Date.parse(later.startedAt!)).toBeGreaterThanOrEqual(Date.parse(earlier.completedAt!));
    // The neighbour's turn was answered while the busy tenant's runs were still going.
    const neighbourRun = await readRun(neighbour, neighbourTurn.body.runId);
    expect(Date.parse(neighbourRun.completedAt!)).toBeLessThan(Date.parse(later.completedAt!));
  });

  it('refuses new messages with 429 once the daily token quota is used up', async () => {
    const { tenant } = await tenantWithCorpus('turns-quota');
    const quotas = await stack.call('PUT', `/v1/tenants/${tenant.tenant.id}/quotas`, {
      key: SYSTEM_KEY,
      body: { maxTokensPerDay: 50, maxIngestionsPerDay: 1000, maxStorageBytes: 1_000_000_000 },
    });
    expect(quotas.status).toBe(200);
    const sessionId = await openSession(tenant);
    const first = await ask(tenant, sessionId, 'What is the refund window for damaged parcels?');
    expect(first.body.reply?.content).toContain('30 days');
    const run = await readRun(tenant, first.body.runId);
    const used = run.usage!.inputTokens + run.usage!.outputTokens;
    expect(used).toBeGreaterThan(50);

    await expectEventually(async () => {
      const { rows } = await appPool('identity').query<{ tokens: string }>(
        `SELECT COALESCE(sum(tokens_used), 0) AS tokens FROM usage_metrics WHERE tenant_id = $1`,
        [tenant.tenant.id],
      );
      expect(Number(rows[0].tokens)).toBe(used);
    });
    const refused = await ask(tenant, sessionId, 'And how long do card refunds take?', 0);
    expect(refused.status).toBe(429);
    expect((refused.body as unknown as ErrorBody).error).toMatchObject({
      code: 'quota_exceeded',
      details: { quota: 'tokens' },
    });
    const usage = await stack.call<{ today: { tokens: { used: number; limit: number } } }>('GET', '/v1/usage', {
      key: tenant.adminKey.key,
    });
    expect(usage.body.today.tokens).toEqual({ used, limit: 50 });

    // A message that reaches chat some other way still gets no model call: the run itself refuses.
    const requestsBefore = primary.received.length + secondary.received.length;
    const direct = await fetch(`${stack.chat.url}/chat/sessions/${sessionId}/messages?wait=20`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant-id': tenant.tenant.id, 'x-actor-type': 'api_key' },
      body: JSON.stringify({ content: 'How long do card refunds take to appear?' }),
    });
    const turn = (await direct.json()) as Turn;
    expect(turn.reply).toBeNull();
    expect(turn.runError).toMatchObject({ code: 'quota_exceeded' });
    expect((await readRun(tenant, turn.runId)).status).toBe('failed');
    expect(primary.received.length + secondary.received.length).toBe(requestsBefore);
  });

  it('keeps a rolling summary of the turns that left the context window and sends it to the model', async () => {
    const { tenant } = await tenantWithCorpus('turns-summary');
    const sessionId = await openSession(tenant);
    const questions = [
      'What is the refund window for damaged parcels?',
      'What is the name of the office wifi network?',
      'How long do card refunds take to appear?',
      'Where do guests connect to the wifi?',
    ];
    for (const question of questions) expect((await ask(tenant, sessionId, question)).body.reply).not.toBeNull();

    // 8 messages, 4 in the context window: the 4 before it are summarized (AGENT_SUMMARY_BATCH 4).
    const session = await expectEventually(async () => {
      const current = await stack.call<{ summary: string | null }>('GET', `/v1/chat/sessions/${sessionId}`, {
        key: tenant.adminKey.key,
      });
      expect(current.body.summary).toContain(`The user asked: ${questions[0]}`);
      return current.body;
    });
    expect(session.summary).toContain(`The user asked: ${questions[1]}`);
    expect(session.summary).not.toContain(questions[2]);
    const runs = await stack.call<{ items: Run[] }>('GET', `/v1/agent-runs?sessionId=${sessionId}`, {
      key: tenant.adminKey.key,
    });
    expect(runs.body.items.filter((run) => run.status === 'succeeded').map((run) => run.id)).toHaveLength(5);

    await useFakeProviders(tenant);
    primary.reply(openAiAnswer('Card refunds take 5 to 7 business days [1].'));
    const next = await ask(tenant, sessionId, 'How long do card refunds take to appear?');
    expect(next.body.reply?.content).toBe('Card refunds take 5 to 7 business days [1].');
    const sent = primary.received.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(sent.messages[0]).toMatchObject({ role: 'system' });
    expect(sent.messages[0].content).toContain(`Summary of the earlier conversation:\n${session.summary}`);
    expect(sent.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
  });

  it("never shows or cancels another tenant's runs", async () => {
    const { tenant } = await tenantWithCorpus('turns-owner');
    const other = await createTenant(stack.call, 'turns-intruder');
    const sessionId = await openSession(tenant);
    const turn = await ask(tenant, sessionId, 'What is the name of the office wifi network?');
    expect(turn.body.reply?.content).toContain('Heron-5G');
    for (const [method, path] of [
      ['GET', `/v1/agent-runs/${turn.body.runId}`],
      ['POST', `/v1/agent-runs/${turn.body.runId}/cancel`],
    ] as const) {
      const answer = await stack.call(method, path, { key: other.adminKey.key });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    const listed = await stack.call<{ items: Run[] }>('GET', `/v1/agent-runs?sessionId=${sessionId}`, {
      key: other.adminKey.key,
    });
    expect(listed.body.items).toEqual([]);
    const own = await stack.call<{ items: Run[] }>('GET', `/v1/agent-runs?sessionId=${sessionId}`, {
      key: tenant.adminKey.key,
    });
    expect(own.body.items.map((run) => run.id)).toEqual([turn.body.runId]);
    expect((await stack.call('GET', '/v1/agent-runs/not-a-uuid', { key: tenant.adminKey.key })).status).toBe(400);
    const cancelEnded = await stack.call('POST', `/v1/agent-runs/${turn.body.runId}/cancel`, {
      key: tenant.adminKey.key,
    });
    expect(cancelEnded.status).toBe(409);
  });
});
