import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { appPool, closePools, expectEventually, testStoresDir } from '@rag/testing';
import { ErasingApp } from '@rag/contracts';
import { ChatTurnStack, ingestCorpus, startChatTurnStack } from '../../agents/test/support/chat-turn-stack';
import { SYSTEM_KEY } from '../../gateway/test/support/stack';
import { createTenant, createUser } from '../../gateway/test/support/tenants';

interface DeletionRequestBody {
  id: string;
  status: string;
  attempts: number;
  apps: { app: ErasingApp; status: string; counts: Record<string, number> }[];
}

const DATA_APPS = ['identity', 'ingestion', 'chat', 'agents', 'evaluation'] as const;

/** Rows of the tenant in every table of every app that has a tenant_id column (and identity's tenants row). */
async function rowsOfTenant(tenantId: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const app of DATA_APPS) {
    const pool = appPool(app);
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN pg_class k ON k.relname = c.table_name AND NOT k.relispartition
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'`,
    );
    for (const { table_name: table } of tables) {
      // The erasure's own replies may still wait in the outbox (ids only); nothing else may.
      const own = table === 'outbox_events' ? ` AND payload->>'type' NOT LIKE 'deletion.%'` : '';
      const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${table} WHERE tenant_id = $1${own}`, [
        tenantId,
      ]);
      if (Number(rows[0].count) > 0) found[`${app}.${table}`] = Number(rows[0].count);
    }
  }
  const { rows } = await appPool('identity').query<{ count: string }>(`SELECT count(*) FROM tenants WHERE id = $1`, [
    tenantId,
  ]);
  if (Number(rows[0].count) > 0) found['identity.tenants'] = Number(rows[0].count);
  return found;
}

async function filesUnder(folder: string): Promise<string[]> {
  return readdir(folder, { recursive: true }).catch(() => []);
}

describe('GDPR erasure across every app (compliance saga, through the gateway)', () => {
  let stack: ChatTurnStack;

  beforeAll(async () => {
    stack = await startChatTurnStack(
      {},
      {
        evaluation: true,
        compliance: true,
        complianceEnv: { DELETION_DEADLINE_MS: '4000', RETENTION_SWEEP_MS: '3600000' },
      },
    );
  });

  afterAll(async () => {
    await stack?.stop();
    await closePools();
  });

  const erase = (key: string, body: object) =>
    stack.call<DeletionRequestBody>('POST', '/v1/compliance/deletion-requests', { key, body });
  const completed = (key: string, id: string, timeoutMs = 30_000) =>
    expectEventually(async () => {
      const answer = await stack.call<DeletionRequestBody>('GET', `/v1/compliance/deletion-requests/${id}`, { key });
      expect(answer.body.status).toBe('completed');
      return answer.body;
    }, timeoutMs);
  const countsOf = (request: DeletionRequestBody) =>
    Object.fromEntries(request.apps.map((app) => [app.app, app.counts]));

  /** A tenant that samples every answer, with two users who each had one chat turn, scored. */
  async function tenantWithTwoUsers(label: string) {
    const tenant = await createTenant(stack.call, label);
    await ingestCorpus(stack, tenant, ['refund-policy.md']);
    await stack.call('PATCH', `/v1/tenants/${tenant.tenant.id}`, {
      key: SYSTEM_KEY,
      body: { metadata: { evaluationSampleRate: 1 } },
    });
    const users = [];
    for (const role of ['user', 'user']) {
      const user = await createUser(stack.call, tenant.adminKey.key, role);
      const session = await stack.call<{ id: string }>('POST', '/v1/chat/sessions', {
        key: tenant.adminKey.key,
        userId: user.id,
        body: {},
      });
      const turn = await stack.call<{ reply: unknown }>(
        'POST',
        `/v1/chat/sessions/${session.body.id}/messages?wait=30`,
        {
          key: tenant.adminKey.key,
          userId: user.id,
          body: { content: 'What is the refund window for damaged parcels?' },
        },
      );
      expect(turn.body.reply).not.toBeNull();
      await expectEventually(async () => {
        const { rows } = await appPool('evaluation').query(`SELECT 1 FROM rag_evaluations WHERE session_id = $1`, [
          session.body.id,
        ]);
        expect(rows).toHaveLength(1);
      });
      users.push({ id: user.id, sessionId: session.body.id });
    }
    return { tenant, users };
  }

  /** Rows anywhere that belong to the user or their session. */
  async function rowsOfUser(tenantId: string, user: { id: string; sessionId: string }) {
    const count = async (app: string, sql: string, parameters: unknown[]) =>
      Number((await appPool(app).query<{ count: string }>(sql, parameters)).rows[0].count);
    return {
      users: await count('identity', `SELECT count(*) FROM users WHERE id = $1`, [user.id]),
      chat_sessions: await count('chat', `SELECT count(*) FROM chat_sessions WHERE id = $1 OR user_id = $2`, [
        user.sessionId,
        user.id,
      ]),
      chat_messages: await count('chat', `SELECT count(*) FROM chat_messages WHERE session_id = $1`, [user.sessionId]),
      agent_runs: await count(
        'agents',
        `SELECT count(*) FROM agent_runs WHERE tenant_id = $1 AND (session_id = $2 OR metadata->>'userId' = $3)`,
        [tenantId, user.sessionId, user.id],
      ),
      rag_evaluations: await count('evaluation', `SELECT count(*) FROM rag_evaluations WHERE session_id = $1`, [
        user.sessionId,
      ]),
    };
  }

  it("erases a user's sessions, messages, runs, evaluations and the user, and nothing of the other user", async () => {
    const { tenant, users } = await tenantWithTwoUsers('erase-user');
    const [erased, kept] = users;
    const keptBefore = await rowsOfUser(tenant.tenant.id, kept);
    expect(keptBefore).toEqual({ users: 1, chat_sessions: 1, chat_messages: 2, agent_runs: 1, rag_evaluations: 1 });

    const filed = await erase(tenant.adminKey.key, { scope: 'user', userId: erased.id });
    expect(filed.status).toBe(201);
    expect(filed.body.apps.map((app) => app.status)).toEqual(Array(5).fill('pending'));
    const done = await completed(tenant.adminKey.key, filed.body.id);
    expect(countsOf(done)).toEqual({
      agents: { agent_failures: 0, agent_runs: 1 },
      chat: { chat_messages: 2, chat_sessions: 1 },
      evaluation: { rag_reports: 0, report_blobs: 0, rag_metrics: 1, rag_evaluations: 1 },
      identity: { users: 1 },
      ingestion: {},
    });
    expect(await rowsOfUser(tenant.tenant.id, erased)).toEqual({
      users: 0,
      chat_sessions: 0,
      chat_messages: 0,
      agent_runs: 0,
      rag_evaluations: 0,
    });
    expect(await rowsOfUser(tenant.tenant.id, kept)).toEqual(keptBefore);

    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ action: string }>(
        `SELECT action FROM audit_logs WHERE resource_id = $1 ORDER BY action`,
        [done.id],
      );
      expect(rows.map((row) => row.action)).toEqual([
        'deletion.completed.agents',
        'deletion.completed.chat',
        'deletion.completed.evaluation',
        'deletion.completed.identity',
        'deletion.completed.ingestion',
        'deletion.requested',
        'deletion_request.completed',
      ]);
    });
  });

  it('erases a tenant: no row, vector table (of any version) or blob of it remains, except the audit trail', async () => {
    const { tenant } = await tenantWithTwoUsers('erase-tenant');
    const tenantId = tenant.tenant.id;
    const set = await stack.call<{ id: string }>('POST', '/v1/evaluations', {
      key: tenant.adminKey.key,
      body: { questions: [{ question: 'How long do card refunds take to appear?' }] },
    });
    await expectEventually(async () => {
      const current = await stack.call<{ status: string }>('GET', `/v1/evaluations/${set.body.id}`, {
        key: tenant.adminKey.key,
      });
      expect(current.body.status).toBe('completed');
    }, 60_000);
    const hex = tenantId.replace(/-/g, '');
    const vectorTables = async () =>
      (await filesUnder(join(testStoresDir, 'vectors'))).filter(
        (path) => path.startsWith(`tenant_${hex}`) && !path.includes('/'),
      );
    const blobs = () => filesUnder(join(testStoresDir, 'blobs', 'tenants', tenantId));
    expect(await vectorTables()).not.toEqual([]);
    expect((await blobs()).length).toBeGreaterThan(0);
    expect(Object.keys(await rowsOfTenant(tenantId)).length).toBeGreaterThan(10);

    const filed = await erase(SYSTEM_KEY, { scope: 'tenant', tenantId });
    expect(filed.status).toBe(201);
    const done = await completed(SYSTEM_KEY, filed.body.id);
    const counts = countsOf(done);
    expect(counts.ingestion).toMatchObject({ ingested_objects: 1, data_sources: 1 });
    expect(counts.chat.outbox_events).toBeGreaterThan(0);
    expect(counts.ingestion.vector_tables).toBeGreaterThanOrEqual(1);
    expect(counts.ingestion.blobs).toBeGreaterThan(1);
    expect(counts.evaluation.report_blobs).toBe(2);
    expect(counts.identity).toMatchObject({ tenants: 1, users: 2, tenant_quotas: 1 });

    expect(await rowsOfTenant(tenantId)).toEqual({});
    expect(await vectorTables()).toEqual([]);
    expect(await blobs()).toEqual([]);
    const { rows } = await appPool('audit').query<{ count: string }>(
      `SELECT count(*) FROM audit_logs WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(Number(rows[0].count)).toBeGreaterThan(10);
    // The tenant's key no longer opens anything once its cached verification lapses.
    const gone = await stack.call('POST', '/v1/compliance/deletion-requests', {
      key: SYSTEM_KEY,
      body: { scope: 'tenant', tenantId },
    });
    expect(gone.status).toBe(404);
  });

  it('marks a request stalled while an app is down, and completes it once the app is back', async () => {
    const { tenant, users } = await tenantWithTwoUsers('erase-stalled');
    await stack.evaluation!.stop();
    let filed;
    try {
      filed = await erase(tenant.adminKey.key, { scope: 'user', userId: users[0].id });
      expect(filed.status).toBe(201);
      const stalled = await expectEventually(async () => {
        const answer = await stack.call<DeletionRequestBody>(
          'GET',
          `/v1/compliance/deletion-requests/${filed!.body.id}`,
          {
            key: tenant.adminKey.key,
          },
        );
        expect(answer.body.status).toBe('stalled');
        return answer.body;
      }, 20_000);
      expect(stalled.apps.filter((app) => app.status === 'pending').map((app) => app.app)).toEqual(['evaluation']);
    } finally {
      await stack.evaluation!.restart();
    }
    const done = await completed(tenant.adminKey.key, filed.body.id, 60_000);
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(countsOf(done).evaluation).toMatchObject({ rag_evaluations: 1 });
    expect(await rowsOfUser(tenant.tenant.id, users[0])).toEqual({
      users: 0,
      chat_sessions: 0,
      chat_messages: 0,
      agent_runs: 0,
      rag_evaluations: 0,
    });
  });

  it("runs one retention job per tenant per day that deletes exactly what is older than the tenant's cutoff", async () => {
    const created = await stack.call<{ tenant: { id: string } }>('POST', '/v1/tenants', {
      key: SYSTEM_KEY,
      body: { name: `retention-${randomUUID().slice(0, 8)}`, retentionDays: 30 },
    });
    const tenantId = created.body.tenant.id;
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
    // Rows as old as they would be after weeks of use, written straight into each app's tables.
    const [oldSession, newSession] = [randomUUID(), randomUUID()];
    const chat = appPool('chat');
    for (const [session, age] of [
      [oldSession, 40],
      [newSession, 1],
    ] as const) {
      await chat.query(`INSERT INTO chat_sessions (id, tenant_id, created_at, updated_at) VALUES ($1, $2, $3, $3)`, [
        session,
        tenantId,
        daysAgo(age),
      ]);
      for (const offset of [0, 0.001]) {
        await chat.query(
          `INSERT INTO chat_messages (id, tenant_id, session_id, role, content, created_at) VALUES ($1, $2, $3, 'user', 'hi', $4)`,
          [randomUUID(), tenantId, session, daysAgo(age - offset)],
        );
      }
    }
    for (const age of [31, 29]) {
      await appPool('agents').query(
        `INSERT INTO agent_runs (id, tenant_id, session_id, agent_type, status, metadata, created_at)
         VALUES ($1, $2, $3, 'rag-answer', 'succeeded', '{}', $4)`,
        [randomUUID(), tenantId, newSession, daysAgo(age)],
      );
      await appPool('evaluation').query(
        `INSERT INTO rag_evaluations (id, tenant_id, session_id, query, answer, created_at) VALUES ($1, $2, $3, 'q', 'a', $4)`,
        [randomUUID(), tenantId, newSession, daysAgo(age)],
      );
    }

    const jobs = () =>
      appPool('compliance').query<{ status: string; results: Record<string, Record<string, number>> }>(
        `SELECT status, results FROM data_retention_jobs WHERE tenant_id = $1`,
        [tenantId],
      );
    // A replica sweeps as it starts.
    await stack.compliance!.stop();
    await stack.compliance!.restart();
    const [job] = await expectEventually(async () => {
      const { rows } = await jobs();
      expect(rows.map((row) => row.status)).toEqual(['completed']);
      return rows;
    }, 30_000);
    expect(job.results).toEqual({
      chat: { chat_messages: 2, chat_sessions: 1 },
      agents: { agent_failures: 0, agent_runs: 1 },
      evaluation: { rag_reports: 0, report_blobs: 0, rag_metrics: 0, rag_evaluations: 1, evaluation_sets: 0 },
    });
    const count = async (app: string, table: string) =>
      Number(
        (await appPool(app).query(`SELECT count(*) FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0].count,
      );
    expect({
      sessions: await count('chat', 'chat_sessions'),
      messages: await count('chat', 'chat_messages'),
      runs: await count('agents', 'agent_runs'),
      evaluations: await count('evaluation', 'rag_evaluations'),
    }).toEqual({ sessions: 1, messages: 2, runs: 1, evaluations: 1 });

    await stack.compliance!.stop();
    await stack.compliance!.restart();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await jobs()).rows).toHaveLength(1);
  });

  it('refuses bad requests with 4xx and never erases across tenants', async () => {
    const tenant = await createTenant(stack.call, 'erase-checks');
    const other = await createTenant(stack.call, 'erase-other');
    const stranger = await createUser(stack.call, other.adminKey.key, 'user');
    for (const body of [
      { scope: 'user' },
      { scope: 'tenant', userId: stranger.id },
      { scope: 'everything' },
      { scope: 'user', userId: 'nope' },
      {},
    ]) {
      const answer = await erase(tenant.adminKey.key, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    // Another tenant's user or tenant is not found from here, and nothing is filed.
    expect((await erase(tenant.adminKey.key, { scope: 'user', userId: stranger.id })).status).toBe(404);
    expect((await erase(tenant.adminKey.key, { scope: 'tenant', tenantId: other.tenant.id })).status).toBe(404);
    expect((await erase(SYSTEM_KEY, { scope: 'tenant' })).status).toBe(400);
    const { rows } = await appPool('compliance').query(
      `SELECT 1 FROM deletion_requests WHERE tenant_id = ANY($1::uuid[])`,
      [[tenant.tenant.id, other.tenant.id]],
    );
    expect(rows).toEqual([]);
    const mine = await erase(tenant.adminKey.key, { scope: 'tenant' });
    expect(mine.status).toBe(201);
    const read = await stack.call('GET', `/v1/compliance/deletion-requests/${mine.body.id}`, {
      key: other.adminKey.key,
    });
    expect(read.status).toBe(404);
  });
});
