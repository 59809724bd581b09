import { randomBytes, randomUUID } from 'node:crypto';
import { appPool, AppProcess, closePools, request, startApp } from '@rag/testing';

describe('trace and request ids', () => {
  let identity: AppProcess;

  beforeAll(async () => {
    identity = await startApp('identity');
  });

  afterAll(async () => {
    await identity?.stop();
    await closePools();
  });

  it("continues the caller's W3C trace into the event and its Kafka headers, and echoes the request id", async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const created = await request<{ tenant: { id: string } }>(
      identity.url,
      'POST',
      '/tenants',
      { name: `traced-${randomUUID()}` },
      { 'x-tenant-scope': 'all', traceparent, 'x-request-id': 'req-123' },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('req-123');

    const { rows } = await appPool('identity').query<{ traceparent: string; header: string }>(
      `SELECT payload->>'traceparent' AS traceparent, headers->>'traceparent' AS header FROM outbox_events WHERE tenant_id = $1`,
      [created.body.tenant.id],
    );
    // tenant.created, tenant_quota.updated, api_key.created: one request, one trace.
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      expect(row.header).toBe(row.traceparent);
    }
  });

  it('generates a request id when none (or a malformed one) is given', async () => {
    const response = await request(identity.url, 'GET', '/health/live', undefined, {
      'x-request-id': 'bad id with spaces',
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
