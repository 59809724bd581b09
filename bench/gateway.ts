import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { AppProcess, startApp } from '@rag/testing';
import { load, median, sequential } from './gateway-load';
import { Figure, figure, percentile, printTable } from './report';

const SYSTEM_KEY = 'bench-gateway-system-admin-key-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 10);
const CONNECTIONS = 16;
const SEQUENTIAL = 2000;
/** The rate limit would otherwise be what is measured. */
const NO_RATE_LIMIT = { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '10000000' };

/**
 * Gateway overhead: an authenticated `GET /v1/tenants/:id` (system key) through the gateway
 * versus `GET /tenants/:id` straight to identity, at CONNECTIONS connections for SECONDS each,
 * in the same run; then the same through a gateway with KEY_CACHE_TTL_MS=0, which verifies the
 * key with identity on every request. Needs the bench infrastructure (bench/bench-infra.ts).
 */
export async function benchGateway(): Promise<Figure[]> {
  const apps: AppProcess[] = [];
  try {
    const identity = await startApp('identity', { SYSTEM_ADMIN_KEY: SYSTEM_KEY });
    apps.push(identity);
    const upstreams = { IDENTITY_URL: identity.url, AUDIT_URL: 'http://127.0.0.1:9' };
    const [cached, uncached] = await Promise.all([
      startApp('gateway', { ...upstreams, ...NO_RATE_LIMIT }),
      startApp('gateway', { ...upstreams, ...NO_RATE_LIMIT, KEY_CACHE_TTL_MS: '0' }),
    ]);
    apps.push(cached, uncached);

    const auth = { authorization: `Bearer ${SYSTEM_KEY}` };
    const created = await fetch(`${cached.url}/v1/tenants`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench-gateway-${Date.now()}` }),
    });
    if (created.status !== 201) throw new Error(`POST /v1/tenants answered ${created.status}`);
    const tenantId = ((await created.json()) as { tenant: { id: string } }).tenant.id;

    const targets = {
      direct: { url: `${identity.url}/tenants/${tenantId}`, headers: { 'x-tenant-scope': 'all' } },
      cached: { url: `${cached.url}/v1/tenants/${tenantId}`, headers: auth },
      uncached: { url: `${uncached.url}/v1/tenants/${tenantId}`, headers: auth },
    };
    console.log(
      `  ${CONNECTIONS} connections, ${SECONDS} s per target; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}`,
    );
    for (const target of Object.values(targets)) await load(target.url, target.headers, CONNECTIONS, 2); // warm-up
    const direct = await load(targets.direct.url, targets.direct.headers, CONNECTIONS, SECONDS);
    const viaGateway = await load(targets.cached.url, targets.cached.headers, CONNECTIONS, SECONDS);
    const viaUncached = await load(targets.uncached.url, targets.uncached.headers, CONNECTIONS, SECONDS);
    const oneByOne = {
      direct: await sequential(targets.direct.url, targets.direct.headers, SEQUENTIAL),
      cached: await sequential(targets.cached.url, targets.cached.headers, SEQUENTIAL),
      uncached: await sequential(targets.uncached.url, targets.uncached.headers, SEQUENTIAL),
    };
    for (const [name, result] of Object.entries({ direct, viaGateway, viaUncached })) {
      console.log(
        `  ${name}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
      );
    }

    const c = `c=${CONNECTIONS}`;
    return [
      figure(`identity direct GET /tenants/:id, ${c}`, direct.requestsPerSecond, 'req/s'),
      figure(
        `gateway GET /v1/tenants/:id (cached key), ${c}`,
        viaGateway.requestsPerSecond,
        'req/s',
        direct.requestsPerSecond,
      ),
      figure(`identity direct GET /tenants/:id p50, ${c}`, direct.p50, 'ms'),
      figure(`identity direct GET /tenants/:id p99, ${c}`, direct.p99, 'ms'),
      figure(`gateway GET /v1/tenants/:id p50 (cached key), ${c}`, viaGateway.p50, 'ms', direct.p50),
      figure(`gateway GET /v1/tenants/:id p99 (cached key), ${c}`, viaGateway.p99, 'ms', direct.p99),
      figure(`gateway overhead, mean latency, ${c}`, viaGateway.mean - direct.mean, 'ms'),
      figure(`gateway overhead p50, 1 connection`, median(oneByOne.cached) - median(oneByOne.direct), 'ms'),
      figure(
        `gateway p99, 1 connection (direct: ${percentile(oneByOne.direct, 99).toFixed(2)} ms)`,
        percentile(oneByOne.cached, 99),
        'ms',
      ),
      figure(
        `gateway GET /v1/tenants/:id (uncached key, KEY_CACHE_TTL_MS=0), ${c}`,
        viaUncached.requestsPerSecond,
        'req/s',
        viaGateway.requestsPerSecond,
      ),
      figure(`gateway p50 (uncached key), ${c}`, viaUncached.p50, 'ms', viaGateway.p50),
      figure(`gateway p99 (uncached key), ${c}`, viaUncached.p99, 'ms', viaGateway.p99),
      figure(
        `key verification cost per request (uncached - cached mean), ${c}`,
        viaUncached.mean - viaGateway.mean,
        'ms',
      ),
      figure(
        `key verification cost per request (uncached - cached p50), 1 connection`,
        median(oneByOne.uncached) - median(oneByOne.cached),
        'ms',
      ),
    ];
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
  }
}

/** Alone: `node -r @swc-node/register bench/gateway.ts` (prints the figures, writes nothing). */
if (require.main === module) {
  void (async () => {
    const { startBenchInfra } = await import('./bench-infra');
    const infra = await startBenchInfra();
    try {
      printTable(await benchGateway());
    } finally {
      await infra.stop();
    }
  })().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
