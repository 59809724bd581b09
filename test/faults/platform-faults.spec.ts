import { AppProcess, freePort, sleep } from '@rag/infra';
import {
  closePools,
  expectEventually,
  FixedRateRun,
  loadTestAppEnv,
  PlatformTraffic,
  provisionTrafficTenants,
  runAtFixedRate,
  SentWrite,
  succeeded,
  TrafficMix,
} from '@rag/testing';
import { PLATFORM_APPS } from '../../scripts/apps';
import { startPlatformApps } from '../../scripts/platform';
import { auditedEventIds, eventIdsOnKafka, IdCounts, outboxEvents } from './support/event-trail';
import { crashAndRestart, FaultRecord, injectFault, waitUntilAllReady } from './support/fault-schedule';
import { FaultInfra, startFaultInfra } from './support/fault-infra';
import { errorSummary, faultImpacts, faultTable, requestTable } from './support/fault-report';
import { followUps, storedCopies } from './support/write-check';

const SYSTEM_KEY = 'fault-suite-system-admin-key-0123456789abcdef';
const RATE_PER_SECOND = Number(process.env.FAULTS_RATE ?? 5);
const MIX: TrafficMix = { auth: 1, ingest: 1, search: 2, chat: 2 };
/** Beyond this many unanswered requests the load is shed (and counted) instead of queueing without bound. */
const MAX_IN_FLIGHT = 64;
/** Load before the first fault, and between faults once every app is ready again. */
const STEADY_MS = 4000;
const DOWN_MS = 3000;

function duplicatesIn(counts: IdCounts): number {
  return [...counts.values()].filter((n) => n > 1).length;
}

describe('the platform under faults', () => {
  let infra: FaultInfra;
  let apps: AppProcess[] = [];
  let load: FixedRateRun | undefined;

  afterAll(async () => {
    await load?.stop();
    await closePools();
    await Promise.all(apps.map((app) => app.stop()));
    await infra?.stop();
  });

  it('keeps every accepted write exactly once and audits every event exactly once through broker, database and app restarts', async () => {
    infra = await startFaultInfra();
    const gatewayPort = await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    apps = await startPlatformApps({
      port: (app) => (app.name === 'gateway' ? gatewayPort : undefined),
      env: (app) => loadTestAppEnv(app.name, gatewayUrl, SYSTEM_KEY),
    });
    await waitUntilAllReady(apps);
    const tenants = await provisionTrafficTenants(gatewayUrl, SYSTEM_KEY, 3, 3);
    const traffic = new PlatformTraffic(gatewayUrl, tenants, MIX);

    const startedAt = Date.now();
    load = runAtFixedRate(RATE_PER_SECOND, MAX_IN_FLIGHT, (seq) => traffic.send(seq));
    const faults: FaultRecord[] = [];
    await sleep(STEADY_MS);
    faults.push(await injectFault('Kafka broker restarted', () => infra.restartKafka(DOWN_MS), apps));
    await sleep(STEADY_MS);
    faults.push(await injectFault('PostgreSQL restarted', () => infra.restartPostgres(DOWN_MS), apps));
    for (const app of apps) {
      await sleep(STEADY_MS);
      faults.push(await injectFault(`${app.name} killed (SIGKILL)`, crashAndRestart(app, 1000), apps));
    }
    await sleep(STEADY_MS);
    await load.stop();
    const loadMs = Date.now() - startedAt;

    const accepted = traffic.writes.filter((write) => write.id !== undefined);
    const notAccepted = traffic.writes.filter((write) => write.id === undefined);
    const sessionIds = tenants.flatMap((tenant) => tenant.sessionIds);
    const quiet = Date.now();
    const settled = await expectEventually(
      async () => {
        const outboxes = await Promise.all(
          PLATFORM_APPS.filter((app) => app.database).map((app) => outboxEvents(app.name)),
        );
        const unsent = outboxes.reduce((sum, outbox) => sum + outbox.unsent, 0);
        const follow = await followUps(accepted, sessionIds);
        const pendingObjects = (follow.objects.pending ?? 0) + (follow.objects.processing ?? 0);
        const pendingRuns = (follow.runs.queued ?? 0) + (follow.runs.running ?? 0);
        expect({ unsent, pendingObjects, pendingRuns }).toEqual({ unsent: 0, pendingObjects: 0, pendingRuns: 0 });
        // The audit trail first: every event it holds was on Kafka before the topics are read.
        const audited = await auditedEventIds();
        const onKafka = await eventIdsOnKafka(infra.brokers);
        const unaudited = [...onKafka.keys()].filter((id) => !audited.has(id));
        expect(unaudited).toEqual([]);
        return { outboxes, follow, onKafka, audited };
      },
      240_000,
      2000,
    );
    const settleMs = Date.now() - quiet;

    const stored = await storedCopies(traffic.writes);
    const lost = accepted.filter((write) => stored.get(write.marker) === 0);
    const duplicated = traffic.writes.filter((write) => (stored.get(write.marker) ?? 0) > 1);
    const storedAnyway = notAccepted.filter((write) => stored.get(write.marker) === 1);
    const outboxIds = settled.outboxes.flatMap((outbox) => outbox.ids);
    const unpublished = outboxIds.filter((id) => !settled.onKafka.has(id));
    const auditedNotOnKafka = [...settled.audited.keys()].filter((id) => !settled.onKafka.has(id));
    const kafkaCopies = [...settled.onKafka.values()].reduce((sum, n) => sum + n, 0);

    const byRoute = (writes: SentWrite[], route: SentWrite['route']) => writes.filter((w) => w.route === route).length;
    process.stdout.write(
      [
        '',
        `fault suite: ${traffic.requests.length} requests at ${RATE_PER_SECOND}/s over ${(loadMs / 1000).toFixed(0)} s (${load.dropped} not sent: too many outstanding), ${tenants.length} tenants`,
        requestTable(traffic.requests),
        `  errors: ${errorSummary(traffic.requests)}`,
        '',
        faultTable(faultImpacts(faults, traffic.requests)),
        '',
        `writes accepted: ${accepted.length} (api keys ${byRoute(accepted, 'auth')}, objects ${byRoute(accepted, 'ingest')}, chat messages ${byRoute(accepted, 'chat')})`,
        `  lost: ${lost.length}, duplicated: ${duplicated.length}; refused or unanswered: ${notAccepted.length}, of which stored anyway (once): ${storedAnyway.length}`,
        `  objects of accepted writes: ${JSON.stringify(settled.follow.objects)}; their runs: ${JSON.stringify(settled.follow.runs)}; chat messages answered: ${settled.follow.replied}, extra replies: ${settled.follow.extraReplies}`,
        `events: ${outboxIds.length} in outboxes (unpublished ${unpublished.length}); ${settled.onKafka.size} distinct on Kafka (${kafkaCopies - settled.onKafka.size} redelivered copies)`,
        `  audited: ${settled.audited.size}, missing from audit: 0, audited twice: ${duplicatesIn(settled.audited)}, audited but not on Kafka: ${auditedNotOnKafka.length}`,
        `  everything settled ${(settleMs / 1000).toFixed(1)} s after the load stopped`,
        '',
      ].join('\n'),
    );

    expect(traffic.requests.filter(succeeded).length).toBeGreaterThan(traffic.requests.length / 2);
    expect(lost.map((write) => write.marker)).toEqual([]);
    expect(duplicated.map((write) => write.marker)).toEqual([]);
    expect(unpublished).toEqual([]);
    expect(duplicatesIn(settled.audited)).toBe(0);
    expect(auditedNotOnKafka).toEqual([]);
    expect(settled.follow.replied).toBe(byRoute(accepted, 'chat'));
    expect(settled.follow.extraReplies).toBe(0);
    expect(settled.follow.objects.failed ?? 0).toBe(0);
  });
});
