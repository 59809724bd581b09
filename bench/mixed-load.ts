import { readFile } from 'node:fs/promises';
import { AppProcess, freePort } from '@rag/infra';
import {
  loadTestAppEnv,
  PlatformTraffic,
  percentile,
  provisionTrafficTenants,
  RequestRecord,
  runAtFixedRate,
  succeeded,
  TRAFFIC_ROUTES,
  TrafficMix,
  TrafficRoute,
} from '@rag/testing';
import { startPlatformApps } from '../scripts/platform';
import { Figure, figure } from './report';

const SYSTEM_KEY = 'bench-load-system-admin-key-0123456789abcdef';
const DURATION_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 600);
const RATE_PER_SECOND = Number(process.env.BENCH_LOAD_RATE ?? 10);
const MIX: TrafficMix = { auth: 1, ingest: 1, search: 4, chat: 2 };
const TENANTS = 5;
const MAX_IN_FLIGHT = 200;
/** Chat requests wait for the answer: their latency is the whole turn (store, Kafka, agent run, reply). */
const CHAT_WAIT_SECONDS = 30;

/** Resident memory of a process in MB, from /proc (Linux). */
async function residentMb(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
  return kb / 1024;
}

function memoryOf(apps: AppProcess[]): Promise<number[]> {
  return Promise.all(apps.map((app) => residentMb(app.pid())));
}

function routeFigures(route: TrafficRoute, requests: RequestRecord[], seconds: number): Figure[] {
  const of = requests.filter((request) => request.route === route);
  const latencies = of.filter(succeeded).map((request) => request.latencyMs);
  const errors = of.length - latencies.length;
  const label = `load ${route} (${TRAFFIC_ROUTES[route]})`;
  console.log(
    `  ${TRAFFIC_ROUTES[route].padEnd(36)} ${String(of.length).padStart(6)} sent ${(of.length / seconds).toFixed(2).padStart(6)}/s` +
      `  p50 ${percentile(latencies, 50).toFixed(0).padStart(5)}  p90 ${percentile(latencies, 90).toFixed(0).padStart(5)}` +
      `  p99 ${percentile(latencies, 99).toFixed(0).padStart(5)}  max ${Math.max(0, ...latencies)
        .toFixed(0)
        .padStart(6)} ms` +
      `  errors ${errors} (${((errors / Math.max(1, of.length)) * 100).toFixed(2)}%)`,
  );
  return [
    figure(`${label} p50`, percentile(latencies, 50), 'ms'),
    figure(`${label} p90`, percentile(latencies, 90), 'ms'),
    figure(`${label} p99`, percentile(latencies, 99), 'ms'),
    figure(`${label} error rate`, (errors / Math.max(1, of.length)) * 100, '%'),
  ];
}

/**
 * Sustained mixed traffic through the gateway at a fixed rate (an open loop: a slow platform
 * does not lower the offered load), against every app of the platform: latency percentiles per
 * route, error rate, and the resident memory of every app at the start and the end.
 */
export async function benchMixedLoad(): Promise<Figure[]> {
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const apps = await startPlatformApps({
    port: (app) => (app.name === 'gateway' ? gatewayPort : undefined),
    env: (app) => loadTestAppEnv(app.name, gatewayUrl, SYSTEM_KEY),
  });
  try {
    const tenants = await provisionTrafficTenants(gatewayUrl, SYSTEM_KEY, TENANTS, 4);
    const traffic = new PlatformTraffic(gatewayUrl, tenants, MIX, CHAT_WAIT_SECONDS);
    const memoryAtStart = await memoryOf(apps);
    console.log(
      `  ${DURATION_SECONDS} s at ${RATE_PER_SECOND} requests/s, mix ${JSON.stringify(MIX)}, ${TENANTS} tenants (local embedder and answerer; chat waits for the answer)`,
    );
    const load = runAtFixedRate(RATE_PER_SECOND, MAX_IN_FLIGHT, (seq) => traffic.send(seq));
    await new Promise((resolve) => setTimeout(resolve, DURATION_SECONDS * 1000));
    await load.stop();
    const memoryAtEnd = await memoryOf(apps);

    const requests = traffic.requests;
    const errors = requests.filter((request) => !succeeded(request)).length;
    const figures = (Object.keys(TRAFFIC_ROUTES) as TrafficRoute[]).flatMap((route) =>
      routeFigures(route, requests, DURATION_SECONDS),
    );
    console.log(
      `  all: ${requests.length} requests (${(requests.length / DURATION_SECONDS).toFixed(2)}/s), errors ${errors} (${((errors / Math.max(1, requests.length)) * 100).toFixed(2)}%), shed by the client (too many outstanding): ${load.dropped}`,
    );
    figures.push(
      figure('load error rate, all routes', (errors / Math.max(1, requests.length)) * 100, '%'),
      figure('load requests shed by the client', load.dropped, 'requests'),
    );
    console.log('  resident memory, MB (start -> end):');
    apps.forEach((app, n) => {
      console.log(
        `    ${app.name.padEnd(11)} ${memoryAtStart[n].toFixed(0).padStart(5)} -> ${memoryAtEnd[n].toFixed(0).padStart(5)}`,
      );
      figures.push(
        figure(`load memory ${app.name} at start`, memoryAtStart[n], 'MB'),
        figure(`load memory ${app.name} at end`, memoryAtEnd[n], 'MB'),
      );
    });
    return figures;
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
  }
}
