import { randomUUID } from 'node:crypto';
import { appPool, closePools } from '@rag/testing';
import { reportOf, runOps } from './testing/run-ops';
import { migrateScratchDatabases } from './testing/scratch-databases';

interface OutboxReport {
  maxAgeMs: number;
  apps: {
    app: string;
    outbox: { backlog: number; oldestMs: number; sent: number; oldestSentMs: number } | null;
    inbox: { consumerGroup: string; processed: number }[];
  }[];
  problems: string[];
}

/** DB_NAME_PREFIX of databases migrated for this spec alone: it counts every outbox row. */
let prefix: string;
const unsent = [randomUUID(), randomUUID()];
const sent = randomUUID();
const consumerGroup = `ops-outbox-${randomUUID()}`;
const tenantId = randomUUID();

/** Rows as OutboxPublisher writes them, committed five minutes ago; no relay runs to publish them. */
async function insertOutboxRow(id: string, sentAt: string | null): Promise<void> {
  await appPool('identity', prefix).query(
    `INSERT INTO outbox_events (id, tenant_id, topic, message_key, payload, created_at, sent_at)
     VALUES ($1, $2, 'identity.events', $3, '{}'::jsonb,
             (now() AT TIME ZONE 'utc') - interval '5 minutes', (now() AT TIME ZONE 'utc') - $4::interval)`,
    [id, tenantId, tenantId, sentAt],
  );
}

describe('npm run ops -- outbox (real PostgreSQL)', () => {
  beforeAll(async () => {
    prefix = await migrateScratchDatabases('ops_outbox');
    for (const id of unsent) await insertOutboxRow(id, null);
    await insertOutboxRow(sent, '1 minute');
    await appPool('identity', prefix).query(`INSERT INTO processed_events (consumer_group, event_id) VALUES ($1, $2)`, [
      consumerGroup,
      randomUUID(),
    ]);
  });

  afterAll(async () => {
    await appPool('identity', prefix).query(`DELETE FROM outbox_events WHERE id = ANY($1::uuid[])`, [
      [...unsent, sent],
    ]);
    await appPool('identity', prefix).query(`DELETE FROM processed_events WHERE consumer_group = $1`, [consumerGroup]);
    await closePools();
  });

  it("counts each app's unsent rows, the oldest's age, sent rows kept and inbox claims; pages past --max-age", async () => {
    const [paged, relaxed] = await Promise.all([
      runOps(['outbox', '--json'], { DB_NAME_PREFIX: prefix }),
      runOps(['outbox', '--max-age', '3600'], { DB_NAME_PREFIX: prefix }),
    ]);

    expect(paged.code).toBe(1);
    const report = reportOf<OutboxReport>(paged);
    expect(report.maxAgeMs).toBe(60_000);
    expect(report.apps.map((app) => app.app)).toEqual([
      'identity',
      'ingestion',
      'chat',
      'agents',
      'evaluation',
      'compliance',
      'audit',
    ]);
    const identity = report.apps.find((app) => app.app === 'identity')!;
    expect(identity.outbox).toEqual({
      backlog: 2,
      oldestMs: expect.any(Number),
      sent: 1,
      oldestSentMs: expect.any(Number),
    });
    expect(identity.outbox!.oldestMs).toBeGreaterThanOrEqual(300_000);
    expect(identity.outbox!.oldestMs).toBeLessThan(400_000);
    expect(identity.inbox).toEqual([expect.objectContaining({ consumerGroup, processed: 1 })]);
    expect(report.apps.find((app) => app.app === 'audit')!.outbox).toBeNull();
    expect(report.problems).toEqual([expect.stringMatching(/^identity: 2 unsent event\(s\), the oldest 5m \d+s old/)]);

    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toMatch(/^identity\s+2\s+5m \d+s\s+1\s+\d+m \d+s/m);
    expect(relaxed.stdout).toMatch(/^audit\s+(-\s+){4}no outbox \(publishes nothing\)$/m);
  });
});
