import { setTimeout as sleep } from 'node:timers/promises';
import { closePools } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack } from './support/stack';
import { createTenant, issueKey, IssuedKey, TestTenant } from './support/tenants';

describe('gateway per-key rate limit (token bucket: 2/s, burst 4)', () => {
  let stack: Stack;
  let call: Call;
  let tenant: TestTenant;
  let readKey: IssuedKey;

  beforeAll(async () => {
    stack = await startStack({ gatewayEnv: { RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '4' } });
    call = gatewayClient(stack.gateways[0].url);
    tenant = await createTenant(call, 'rate-limit');
    readKey = await issueKey(call, tenant.adminKey.key, 'read');
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  it('answers 429 with Retry-After and a JSON error once the burst is spent, and recovers after waiting', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call<ErrorBody>('GET', '/v1/usage', { key: readKey.key })),
    );
    const refilled = Math.ceil(((Date.now() - started) / 1000) * 2);
    const allowed = answers.filter((answer) => answer.status === 200).length;
    const limited = answers.filter((answer) => answer.status === 429);
    expect(allowed + limited.length).toBe(20);
    expect(allowed).toBeGreaterThanOrEqual(4);
    expect(allowed).toBeLessThanOrEqual(4 + refilled);
    for (const answer of limited) {
      expect(answer.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: expect.any(Number) } });
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.headers.get('ratelimit-remaining')).toBe('0');
    }

    // Another key of the same tenant has its own bucket.
    expect((await call('GET', '/v1/usage', { key: tenant.adminKey.key })).status).toBe(200);

    const retryAfter = Number(limited[limited.length - 1].headers.get('retry-after'));
    await sleep(retryAfter * 1000);
    const recovered = await call('GET', '/v1/usage', { key: readKey.key });
    expect(recovered.status).toBe(200);
  });

  it('limits refused requests of a key too (a read key hammering a write route)', async () => {
    const writer = await issueKey(call, tenant.adminKey.key, 'read');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', '/v1/users', { key: writer.key, body: { email: 'a@example.com', role: 'user' } }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toContain(403);
    expect(statuses).toContain(429);
  });
});
