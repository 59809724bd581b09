import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { appPool, AppProcess, closePools, freePort, request, startApp } from '@rag/testing';
import { Call, ErrorBody, gatewayClient, Stack, startStack, SYSTEM_KEY } from './support/stack';
import { createTenant, TestTenant } from './support/tenants';

interface OpenApi {
  paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/** Everything at the HTTP edge: docs, health, headers, errors, limits, CORS, upstream failures, tracing. */
describe('gateway HTTP edge', () => {
  let stack: Stack;
  let gateway: AppProcess;
  let call: Call;
  let tenant: TestTenant;
  const extra: AppProcess[] = [];
  let silent: Server | undefined;

  async function extraGateway(env: Record<string, string>): Promise<AppProcess> {
    const started = await startApp('gateway', { IDENTITY_URL: stack.identity.url, AUDIT_URL: stack.audit.url, ...env });
    extra.push(started);
    return started;
  }

  beforeAll(async () => {
    stack = await startStack();
    gateway = stack.gateways[0];
    call = gatewayClient(gateway.url);
    tenant = await createTenant(call, 'edge');
  });

  afterAll(async () => {
    await Promise.all(extra.map((app) => app.stop()));
    silent?.closeAllConnections();
    silent?.close();
    await stack?.stop();
    await closePools();
  });

  it('serves health and metrics without a key', async () => {
    expect((await request(gateway.url, 'GET', '/health/live', undefined, {})).status).toBe(200);
    const ready = await request<{ status: string; info: Record<string, unknown> }>(
      gateway.url,
      'GET',
      '/health/ready',
      undefined,
      {},
    );
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.info).sort()).toEqual(['identity', 'kafka']);
    const metrics = await fetch(`${gateway.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('gateway_key_cache_lookups_total');
  });

  it('generates OpenAPI from the code at /docs-json, with every route behind a bearer key, and the UI at /docs', async () => {
    const document = (await (await fetch(`${gateway.url}/docs-json`)).json()) as OpenApi;
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.map((operation) => operation.route).sort()).toEqual(
      [
        'DELETE /v1/api-keys/{id}',
        'DELETE /v1/data-sources/{id}',
        'DELETE /v1/objects/{id}',
        'DELETE /v1/tenants/{id}',
        'DELETE /v1/users/{id}',
        'GET /v1/agent-runs',
        'GET /v1/agent-runs/{id}',
        'GET /v1/api-keys',
        'GET /v1/audit-logs',
        'GET /v1/chat/sessions',
        'GET /v1/compliance/deletion-requests/{id}',
        'GET /v1/chat/sessions/{id}',
        'GET /v1/chat/sessions/{id}/events',
        'GET /v1/chat/sessions/{id}/messages',
        'GET /v1/data-sources',
        'GET /v1/evaluations',
        'GET /v1/evaluations/{id}',
        'GET /v1/llm/config',
        'GET /v1/llm/providers',
        'GET /v1/data-sources/{id}',
        'GET /v1/objects',
        'GET /v1/objects/{id}',
        'GET /v1/tenants',
        'GET /v1/tenants/{id}',
        'GET /v1/tenants/{id}/quotas',
        'GET /v1/usage',
        'GET /v1/users',
        'GET /v1/users/{id}',
        'PATCH /v1/tenants/{id}',
        'PATCH /v1/users/{id}',
        'POST /v1/agent-runs/{id}/cancel',
        'POST /v1/api-keys',
        'POST /v1/chat/sessions',
        'POST /v1/compliance/deletion-requests',
        'POST /v1/chat/sessions/{id}/messages',
        'POST /v1/data-sources',
        'POST /v1/evaluations',
        'POST /v1/evaluations/session-reports',
        'POST /v1/llm/providers',
        'POST /v1/objects',
        'POST /v1/search',
        'POST /v1/tenants',
        'POST /v1/users',
        'PUT /v1/llm/config',
        'PUT /v1/tenants/{id}/quotas',
      ].sort(),
    );
    for (const { route, operation } of operations)
      expect({ route, security: operation.security }).toEqual({ route, security: [{ bearer: [] }] });
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const schema of [
      'CreateTenantDto',
      'UpdateTenantDto',
      'SetQuotasDto',
      'CreateUserDto',
      'UpdateUserDto',
      'CreateApiKeyDto',
      'CreatedTenantView',
      'IssuedApiKeyView',
      'QuotasView',
      'UsageView',
      'TenantPage',
      'UserPage',
      'ApiKeyPage',
      'AuditLogPage',
      'ApiErrorView',
    ]) {
      expect(document.components.schemas).toHaveProperty(schema);
    }
    const ui = await fetch(`${gateway.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
  });

  it('sets security headers and echoes a well-formed request id', async () => {
    const answer = await call('GET', '/v1/usage', {
      key: tenant.adminKey.key,
      headers: { 'x-request-id': 'edge-req-1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('edge-req-1');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('strict-transport-security')).toBeTruthy();
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['an unknown route', 'GET', '/v1/nothing-here'],
    ['an unknown version', 'GET', '/v2/users'],
    ['a method a route does not have', 'PUT', '/v1/users'],
  ])('answers %s with a JSON 404', async (_label, method, path) => {
    for (const key of [undefined, tenant.adminKey.key]) {
      const answer = await call<ErrorBody>(method, path, { key });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
  });

  it('refuses a body over the limit (413), a non-JSON body (415) and broken JSON (400) as JSON errors', async () => {
    const headers = { authorization: `Bearer ${SYSTEM_KEY}` };
    const huge = await request<ErrorBody>(
      gateway.url,
      'POST',
      '/v1/tenants',
      { name: 'x'.repeat(1024 * 1024 + 10) },
      headers,
    );
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    const text = await fetch(`${gateway.url}/v1/tenants`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorBody).error.code).toBeDefined();
    const broken = await request<ErrorBody>(gateway.url, 'POST', '/v1/tenants', '{"name":', headers);
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBeDefined();
  });

  it('answers oversized headers with a JSON 431', async () => {
    const answer = await request<ErrorBody>(gateway.url, 'GET', '/v1/usage', undefined, {
      'x-padding': 'x'.repeat(20_000),
    });
    expect([answer.status, answer.body.error.code]).toEqual([431, 'headers_too_large']);
  });

  it('refuses a malformed X-User-Id with 400', async () => {
    const answer = await call<ErrorBody>('GET', '/v1/usage', { key: tenant.adminKey.key, userId: 'not-a-uuid' });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalid_user_id']);
  });

  it("continues the client's W3C trace into identity and its event, and forwards the actor", async () => {
    const traceId = randomBytes(16).toString('hex');
    const created = await call<{ tenant: { id: string } }>('POST', '/v1/tenants', {
      key: SYSTEM_KEY,
      body: { name: `traced-${randomUUID()}` },
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'user-agent': 'edge-trace/1.0' },
    });
    expect(created.status).toBe(201);
    const { rows } = await appPool('identity').query<{
      traceparent: string;
      actorType: string;
      userAgent: string;
      ip: string;
    }>(
      `SELECT payload->>'traceparent' AS traceparent, payload->'actor'->>'type' AS "actorType",
              payload->'actor'->>'userAgent' AS "userAgent", payload->'actor'->>'ip' AS ip
         FROM outbox_events WHERE tenant_id = $1 AND payload->>'type' = 'tenant.created'`,
      [created.body.tenant.id],
    );
    expect(rows).toEqual([
      {
        traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-`)),
        actorType: 'system_admin',
        userAgent: 'edge-trace/1.0',
        ip: '127.0.0.1',
      },
    ]);
  });

  it('grants CORS only to configured origins', async () => {
    const withCors = await extraGateway({ CORS_ORIGINS: 'https://app.example.com' });
    const preflight = (origin: string) =>
      fetch(`${withCors.url}/v1/users`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 503 upstream_unavailable at once when a service cannot be reached, and is not ready without identity', async () => {
    const closedPort = await freePort();
    const noAudit = await extraGateway({ AUDIT_URL: `http://127.0.0.1:${closedPort}` });
    const logs = await gatewayClient(noAudit.url)<ErrorBody>('GET', '/v1/audit-logs', { key: tenant.adminKey.key });
    expect([logs.status, logs.body.error.code]).toEqual([503, 'upstream_unavailable']);
    expect((await gatewayClient(noAudit.url)('GET', '/v1/usage', { key: tenant.adminKey.key })).status).toBe(200);

    const noIdentity = await extraGateway({ IDENTITY_URL: `http://127.0.0.1:${closedPort}` });
    const started = Date.now();
    const usage = await gatewayClient(noIdentity.url)<ErrorBody>('GET', '/v1/usage', { key: tenant.adminKey.key });
    expect([usage.status, usage.body.error.code]).toEqual([503, 'upstream_unavailable']);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await request(noIdentity.url, 'GET', '/health/ready', undefined, {})).status).toBe(503);
  });

  it('gives up on a service that does not answer: 504 upstream_timeout after UPSTREAM_TIMEOUT_MS', async () => {
    silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const slow = await extraGateway({ IDENTITY_URL: `http://127.0.0.1:${port}`, UPSTREAM_TIMEOUT_MS: '500' });
    const started = Date.now();
    const answer = await gatewayClient(slow.url)<ErrorBody>('GET', '/v1/usage', { key: tenant.adminKey.key });
    expect([answer.status, answer.body.error.code]).toEqual([504, 'upstream_timeout']);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
