import { randomUUID } from 'node:crypto';
import { ERASING_APPS } from '@rag/contracts';
import { appPool, closePools } from '@rag/testing';
import { reportOf, runOps } from './testing/run-ops';

interface RequestJson {
  id: string;
  tenantId: string;
  status: string;
  attempts: number;
  overdue: boolean;
  waitingFor: string[];
  apps: { app: string; status: string; counts: Record<string, number>; completedAt: string | null }[];
}

const tenantId = randomUUID();
const answered = randomUUID(); // pending, two apps have answered, deadline ahead
const stalled = randomUUID(); // sent again after its deadline, one app still silent

/** Rows as the compliance app writes them (deletion_requests and one deletion_request_apps row per app). */
async function insertRequest(
  id: string,
  request: { status: string; attempts: number; requestedAgo: string; deadlineIn: string; done: Record<string, object> },
): Promise<void> {
  const compliance = appPool('compliance');
  await compliance.query(
    `INSERT INTO deletion_requests (id, tenant_id, scope, status, requested_at, attempts, deadline_at)
     VALUES ($1, $2, 'tenant', $3, (now() AT TIME ZONE 'utc') - $4::interval, $5, (now() AT TIME ZONE 'utc') + $6::interval)`,
    [id, tenantId, request.status, request.requestedAgo, request.attempts, request.deadlineIn],
  );
  for (const app of ERASING_APPS) {
    const counts = request.done[app];
    await compliance.query(
      `INSERT INTO deletion_request_apps (deletion_request_id, tenant_id, app, status, counts, completed_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'completed' THEN now() AT TIME ZONE 'utc' END)`,
      [id, tenantId, app, counts ? 'completed' : 'pending', JSON.stringify(counts ?? {})],
    );
  }
}

describe('npm run ops -- deletions (real PostgreSQL)', () => {
  beforeAll(async () => {
    await insertRequest(answered, {
      status: 'pending',
      attempts: 1,
      requestedAgo: '2 minutes',
      deadlineIn: '1 hour',
      done: { identity: { users: 3, apiKeys: 2 }, chat: { sessions: 4, messages: 40 } },
    });
    const allButEvaluation = ERASING_APPS.filter((app) => app !== 'evaluation').map((app) => [app, { rows: 1 }]);
    await insertRequest(stalled, {
      status: 'stalled',
      attempts: 2,
      requestedAgo: '1 minute',
      deadlineIn: '10 minutes',
      done: Object.fromEntries(allButEvaluation),
    });
  });

  afterAll(async () => {
    await appPool('compliance').query(`DELETE FROM deletion_requests WHERE tenant_id = $1`, [tenantId]);
    await closePools();
  });

  it("shows one request in detail: each app's answer and counts, and what it waits for", async () => {
    const run = await runOps(['deletions', answered, '--json']);

    expect(run.code).toBe(0);
    const { request } = reportOf<{ request: RequestJson }>(run);
    expect(request).toEqual(
      expect.objectContaining({ id: answered, tenantId, status: 'pending', attempts: 1, overdue: false }),
    );
    expect(request.waitingFor).toEqual(['agents', 'evaluation', 'ingestion']);
    expect(request.apps.map(({ app, status, counts }) => ({ app, status, counts }))).toEqual([
      { app: 'agents', status: 'pending', counts: {} },
      { app: 'chat', status: 'completed', counts: { sessions: 4, messages: 40 } },
      { app: 'evaluation', status: 'pending', counts: {} },
      { app: 'identity', status: 'completed', counts: { users: 3, apiKeys: 2 } },
      { app: 'ingestion', status: 'pending', counts: {} },
    ]);
  });

  it('lists the latest requests, filters by status, pages on a stalled one, and says when an id is unknown', async () => {
    const unknownId = randomUUID();
    const [latest, pendingOnly, unknown] = await Promise.all([
      runOps(['deletions', '--limit', '200', '--json']),
      runOps(['deletions', '--status', 'pending']),
      runOps(['deletions', unknownId]),
    ]);

    expect(latest.code).toBe(1);
    const report = reportOf<{ requests: RequestJson[]; problems: string[] }>(latest);
    // Other specs leave requests in the same database: look at this tenant's.
    const ours = report.requests.filter((request) => request.tenantId === tenantId);
    expect(ours.map((request) => request.id)).toEqual([stalled, answered]);
    expect(ours[0]).toEqual(expect.objectContaining({ status: 'stalled', attempts: 2, waitingFor: ['evaluation'] }));
    expect(report.problems.filter((problem) => problem.includes(tenantId))).toEqual([
      `deletion request ${stalled} (tenant ${tenantId}) is stalled (attempt 2), waiting for evaluation`,
    ]);

    expect(pendingOnly.code).toBe(1); // the stalled request still pages, whatever the listing shows
    expect(pendingOnly.stdout).toMatch(
      new RegExp(
        `^${answered}\\s+${tenantId}\\s+tenant\\s+pending\\s+1\\s.*\\s2/5\\s+agents, evaluation, ingestion$`,
        'm',
      ),
    );
    expect(pendingOnly.stdout).not.toMatch(new RegExp(`^${stalled}`, 'm'));

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`error: deletion request ${unknownId} does not exist\n`);
  });
});
