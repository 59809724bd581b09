import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { percentile } from './report';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  mean: number;
}

/** `connections` keep-alive connections for `seconds` (autocannon); only 2xx answers count. */
export async function load(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const { latency, requests } = result;
  return { requestsPerSecond: requests.average, p50: latency.p50, p99: latency.p99, mean: latency.mean };
}

/**
 * `count` requests one after another on one keep-alive connection, timed with the monotonic
 * clock: sub-millisecond latencies (autocannon's histogram counts whole milliseconds).
 */
export async function sequential(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const outgoing = request(url, { headers, agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
      if (status !== 200) throw new Error(`${url} answered ${status}`);
      times.push(performance.now() - started);
    }
  } finally {
    agent.destroy();
  }
  return times;
}

export const median = (values: number[]): number => percentile(values, 50);
