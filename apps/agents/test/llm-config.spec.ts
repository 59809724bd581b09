import { randomUUID } from 'node:crypto';
import { appPool, closePools, expectEventually, startApp } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack, SYSTEM_KEY } from '../../gateway/test/support/stack';
import { createTenant, issueKey, TestTenant } from '../../gateway/test/support/tenants';

interface ProviderBody {
  id: string;
  name: string;
  type: string;
}
interface ConfigBody {
  providers: { providerId: string; providerName: string; modelName: string; priority: number; enabled: boolean }[];
}

describe('LLM providers and tenant LLM configuration through the gateway', () => {
  let stack: Stack;
  let call: Call;
  let tenant: TestTenant;
  let other: TestTenant;
  let agents: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    agents = await startApp('agents');
    stack = await startStack({ gatewayEnv: { AGENTS_URL: agents.url } });
    call = gatewayClient(stack.gateways[0].url);
    [tenant, other] = await Promise.all([createTenant(call, 'llm'), createTenant(call, 'llm-other')]);
  });

  afterAll(async () => {
    await stack?.stop();
    await agents?.stop();
    await closePools();
  });

  const register = (body: object, key = SYSTEM_KEY) => call<ProviderBody>('POST', '/v1/llm/providers', { key, body });

  it('lets only system keys register providers, validated, with unique names', async () => {
    const name = `openai-${randomUUID().slice(0, 8)}`;
    const created = await register({
      name,
      type: 'openai-compatible',
      baseUrl: 'https://api.example.com/v1',
      credentialsRef: 'OPENAI_API_KEY',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, type: 'openai-compatible' });
    expect((await register({ name, type: 'anthropic', baseUrl: 'https://api.anthropic.com' })).status).toBe(409);
    expect(
      (await register({ name: `x-${randomUUID().slice(0, 8)}`, type: 'local-extractive' }, tenant.adminKey.key)).status,
    ).toBe(403);
    for (const body of [
      { name: 'Bad Name', type: 'anthropic', baseUrl: 'https://a.example' },
      { name: 'ok-name', type: 'gpt' },
      { name: 'ok-name', type: 'anthropic' },
      { name: 'ok-name', type: 'anthropic', baseUrl: 'https://a.example', credentialsRef: 'sk-live-secret' },
      { name: 'ok-name', type: 'local-extractive', baseUrl: 'https://a.example' },
    ]) {
      const answer = await register(body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    const listed = await call<{ items: ProviderBody[] }>('GET', '/v1/llm/providers', { key: tenant.adminKey.key });
    expect(listed.body.items.map((item) => item.name)).toContain(name);
  });

  it("stores a tenant's priority order, replaces it as a whole, and keeps tenants apart", async () => {
    const [primary, local] = await Promise.all([
      register({
        name: `primary-${randomUUID().slice(0, 8)}`,
        type: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:9/v1',
      }),
      register({ name: `local-${randomUUID().slice(0, 8)}`, type: 'local-extractive' }),
    ]);
    const set = await call<ConfigBody>('PUT', '/v1/llm/config', {
      key: tenant.adminKey.key,
      body: {
        providers: [
          { providerId: primary.body.id, modelName: 'gpt-4o-mini', maxTokens: 512 },
          { providerId: local.body.id, modelName: 'extractive' },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.providers.map((entry) => [entry.priority, entry.providerName, entry.modelName])).toEqual([
      [0, primary.body.name, 'gpt-4o-mini'],
      [1, local.body.name, 'extractive'],
    ]);
    const replaced = await call<ConfigBody>('PUT', '/v1/llm/config', {
      key: tenant.adminKey.key,
      body: { providers: [{ providerId: local.body.id, modelName: 'extractive' }] },
    });
    expect(replaced.body.providers).toHaveLength(1);
    expect((await call<ConfigBody>('GET', '/v1/llm/config', { key: other.adminKey.key })).body.providers).toEqual([]);

    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string }>(
        `SELECT action FROM audit_logs WHERE tenant_id = $1 AND action = 'tenant_llm_config.updated'`,
        [tenant.tenant.id],
      );
      expect(rows).toHaveLength(2);
    });
  });

  it('refuses unknown providers, duplicates, bad values and non-admin keys, changing nothing', async () => {
    const before = await call<ConfigBody>('GET', '/v1/llm/config', { key: tenant.adminKey.key });
    const local = await register({ name: `local-${randomUUID().slice(0, 8)}`, type: 'local-extractive' });
    const entry = { providerId: local.body.id, modelName: 'extractive' };
    for (const [body, code] of [
      [{ providers: [{ providerId: randomUUID(), modelName: 'm' }] }, 'unknown_llm_provider'],
      [{ providers: [entry, entry] }, 'validation_failed'],
      [{ providers: [{ ...entry, temperature: 3 }] }, 'validation_failed'],
      [{ providers: [{ ...entry, maxTokens: 0 }] }, 'validation_failed'],
      [{ providers: 'all' }, 'validation_failed'],
    ] as const) {
      const answer = await call<ErrorBody>('PUT', '/v1/llm/config', { key: tenant.adminKey.key, body });
      expect({ body, status: answer.status, code: answer.body.error.code }).toEqual({ body, status: 400, code });
    }
    const writer = await issueKey(call, tenant.adminKey.key, 'write');
    expect((await call('PUT', '/v1/llm/config', { key: writer.key, body: { providers: [entry] } })).status).toBe(403);
    expect((await call('PUT', '/v1/llm/config', { key: SYSTEM_KEY, body: { providers: [entry] } })).status).toBe(403);
    expect((await call<ConfigBody>('GET', '/v1/llm/config', { key: tenant.adminKey.key })).body).toEqual(before.body);
  });

  it('meters the tokens of a completion asked for another service (the evaluation judge), and validates it', async () => {
    const owner = await createTenant(call, 'llm-complete');
    const complete = (body: object) =>
      fetch(`${agents.url}/llm/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tenant-id': owner.tenant.id },
        body: JSON.stringify(body),
      });
    const messages = [
      {
        role: 'user',
        content: 'Sources:\n\n[1] The refund window is 30 days.\n\nQuestion: How long is the refund window?',
      },
    ];
    expect((await complete({ messages })).status).toBe(400);
    expect((await complete({ purpose: 'evaluation', messages: [{ role: 'robot', content: 'x' }] })).status).toBe(400);
    const answer = await complete({ purpose: 'evaluation', messages });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { text: string; provider: string; inputTokens: number; outputTokens: number };
    expect(body).toMatchObject({ provider: 'local-extractive', text: 'The refund window is 30 days. [1]' });
    await expectEventually(async () => {
      const { rows } = await appPool('identity').query<{ tokens: string }>(
        `SELECT COALESCE(sum(tokens_used), 0) AS tokens FROM usage_metrics WHERE tenant_id = $1`,
        [owner.tenant.id],
      );
      expect(Number(rows[0].tokens)).toBe(body.inputTokens + body.outputTokens);
    });
  });
});
