import { randomBytes } from 'node:crypto';

/** The mixed traffic of a tenant's clients, through the gateway. */
export const TRAFFIC_ROUTES = {
  auth: 'POST /v1/api-keys',
  ingest: 'POST /v1/objects',
  search: 'POST /v1/search',
  chat: 'POST /v1/chat/sessions/:id/messages',
} as const;
export type TrafficRoute = keyof typeof TRAFFIC_ROUTES;
export type TrafficMix = Record<TrafficRoute, number>;

export interface TrafficTenant {
  tenantId: string;
  /** An admin key: it may use every route of the mix. */
  key: string;
  dataSourceId: string;
  sessionIds: string[];
}

export interface RequestRecord {
  route: TrafficRoute;
  /** ms since the epoch. */
  startedAt: number;
  latencyMs: number;
  /** 0 when no answer came (refused connection, reset, timeout). */
  status: number;
  error?: string;
}

/** Answered 2xx, and, for a chat turn that waited, with the reply. */
export function succeeded(request: RequestRecord): boolean {
  return request.status >= 200 && request.status < 300 && request.error === undefined;
}

interface ResponseBody {
  id?: string;
  error?: { code?: string };
  /** Chat with `?wait=`: the answer, or why the run failed. */
  reply?: unknown;
  runError?: unknown;
}

/** A write the client sent: `id` is set when it was accepted (2xx), the marker finds it in the stores. */
export interface SentWrite {
  route: Exclude<TrafficRoute, 'search'>;
  tenantId: string;
  marker: string;
  id?: string;
}

const TOPICS = ['refund window', 'office wifi', 'shipping rates', 'meeting rooms', 'security training'];
const REQUEST_TIMEOUT_MS = 30_000;

/** The text of the document an ingest request uploads: unique per marker, about a known topic. */
export function documentText(marker: string): string {
  const topic = TOPICS[marker.length % TOPICS.length];
  return `Note ${marker} about the ${topic}. The ${topic} policy was reviewed by the operations team and applies to every office.\n`;
}

/** The content of the chat message a chat request posts. */
export function chatContent(marker: string): string {
  return `What does the policy say about the ${TOPICS[marker.length % TOPICS.length]}? (${marker})`;
}

/** Interleaves the routes by weight: {auth: 1, search: 2} sends search, auth, search, ... */
export function routeSchedule(mix: TrafficMix): TrafficRoute[] {
  const routes = (Object.keys(mix) as TrafficRoute[]).filter((route) => mix[route] > 0);
  if (routes.length === 0) throw new Error('the traffic mix has no route with a positive weight');
  const total = routes.reduce((sum, route) => sum + mix[route], 0);
  const credit = Object.fromEntries(routes.map((route) => [route, 0])) as Record<TrafficRoute, number>;
  const schedule: TrafficRoute[] = [];
  for (let slot = 0; slot < total; slot++) {
    for (const route of routes) credit[route] += mix[route];
    const next = routes.reduce((best, route) => (credit[route] > credit[best] ? route : best));
    credit[next] -= total;
    schedule.push(next);
  }
  return schedule;
}

/**
 * Sends one request of the mix per `send(seq)` (routes interleaved by weight, tenants in turn)
 * and records every request and every write, so that a run can be checked against the stores.
 */
export class PlatformTraffic {
  readonly requests: RequestRecord[] = [];
  readonly writes: SentWrite[] = [];
  private readonly schedule: TrafficRoute[];
  private readonly runId = randomBytes(4).toString('hex');

  /** `chatWaitSeconds` > 0 makes each chat request wait for the answer (`?wait=`), so its latency is the whole turn. */
  constructor(
    private readonly gatewayUrl: string,
    private readonly tenants: TrafficTenant[],
    mix: TrafficMix,
    private readonly chatWaitSeconds = 0,
  ) {
    if (tenants.length === 0) throw new Error('traffic needs at least one tenant');
    this.schedule = routeSchedule(mix);
  }

  async send(seq: number): Promise<void> {
    const route = this.schedule[seq % this.schedule.length];
    const tenant = this.tenants[Math.floor(seq / this.schedule.length) % this.tenants.length];
    const marker = `load-${this.runId}-${seq}`;
    const write: SentWrite | undefined = route === 'search' ? undefined : { route, tenantId: tenant.tenantId, marker };
    if (write) this.writes.push(write);
    const startedAt = Date.now();
    const began = performance.now();
    const record: RequestRecord = { route, startedAt, latencyMs: 0, status: 0 };
    try {
      const response = await this.call(route, tenant, marker, seq);
      record.status = response.status;
      const body = (await response.json().catch(() => undefined)) as ResponseBody | undefined;
      if (response.ok && write) write.id = body?.id;
      if (!response.ok) record.error = body?.error?.code ?? `http ${response.status}`;
      else if (route === 'chat' && this.chatWaitSeconds > 0 && !body?.reply)
        record.error = body?.runError ? 'run_failed' : 'no_reply_within_wait';
    } catch (error) {
      record.error = (error as Error).name === 'TimeoutError' ? 'timeout' : ((error as Error).message ?? 'error');
    }
    record.latencyMs = performance.now() - began;
    this.requests.push(record);
  }

  private call(route: TrafficRoute, tenant: TrafficTenant, marker: string, seq: number): Promise<Response> {
    const headers = { authorization: `Bearer ${tenant.key}` };
    const post = (path: string, body: unknown) =>
      fetch(`${this.gatewayUrl}${path}`, {
        method: 'POST',
        headers: body instanceof FormData ? headers : { ...headers, 'content-type': 'application/json' },
        body: body instanceof FormData ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    switch (route) {
      case 'auth':
        return post('/v1/api-keys', { scope: 'read', name: marker });
      case 'ingest': {
        const form = new FormData();
        form.append('dataSourceId', tenant.dataSourceId);
        form.append('file', new Blob([documentText(marker)], { type: 'text/plain' }), `${marker}.txt`);
        return post('/v1/objects', form);
      }
      case 'search':
        return post('/v1/search', { query: TOPICS[seq % TOPICS.length], k: 5 });
      case 'chat': {
        const wait = this.chatWaitSeconds > 0 ? `?wait=${this.chatWaitSeconds}` : '';
        const session = tenant.sessionIds[seq % tenant.sessionIds.length];
        return post(`/v1/chat/sessions/${session}/messages${wait}`, { content: chatContent(marker) });
      }
    }
  }
}
