import { percentile, RequestRecord, succeeded, TRAFFIC_ROUTES, TrafficRoute } from '@rag/testing';
import { FaultRecord } from './fault-schedule';

export interface FaultImpact extends FaultRecord {
  /** Requests started during the fault's window (until the next fault) that got no 2xx. */
  failedRequests: number;
  /** From the fault's start until the last of those failed requests ended; 0 when none failed. */
  clientOutageMs: number;
}

/** Attributes each failed request to the fault whose window it started in. */
export function faultImpacts(faults: FaultRecord[], requests: RequestRecord[]): FaultImpact[] {
  return faults.map((fault, n) => {
    const windowEnd = faults[n + 1]?.startedAt ?? Infinity;
    const failed = requests.filter((r) => !succeeded(r) && r.startedAt >= fault.startedAt && r.startedAt < windowEnd);
    const lastEnd = Math.max(fault.startedAt, ...failed.map((r) => r.startedAt + r.latencyMs));
    return { ...fault, failedRequests: failed.length, clientOutageMs: Math.round(lastEnd - fault.startedAt) };
  });
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  return cells
    .map((row) => '  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}

export function requestTable(requests: RequestRecord[]): string {
  const routes = Object.keys(TRAFFIC_ROUTES) as TrafficRoute[];
  return table(
    ['route', 'sent', '2xx', 'failed', 'p50 ms', 'p99 ms'],
    routes.map((route) => {
      const of = requests.filter((r) => r.route === route);
      const latencies = of.filter(succeeded).map((r) => r.latencyMs);
      return [
        TRAFFIC_ROUTES[route],
        of.length,
        latencies.length,
        of.length - latencies.length,
        Math.round(percentile(latencies, 50)),
        Math.round(percentile(latencies, 99)),
      ];
    }),
  );
}

export function faultTable(impacts: FaultImpact[]): string {
  return table(
    ['fault', 'restarted after ms', 'all apps ready after ms', 'failed requests', 'clients saw errors for ms'],
    impacts.map((f) => [
      f.name,
      f.restartedAt - f.startedAt,
      f.readyAt - f.startedAt,
      f.failedRequests,
      f.clientOutageMs,
    ]),
  );
}

export function errorSummary(requests: RequestRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of requests.filter((r) => !succeeded(r))) {
    const key = `${r.status || 'no answer'} ${r.error ?? ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => `${n} × ${key}`)
      .join(', ') || 'none'
  );
}
