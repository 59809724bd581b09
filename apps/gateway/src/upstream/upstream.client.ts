import {
  Agent as HttpAgent,
  ClientRequest,
  IncomingHttpHeaders,
  IncomingMessage,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { histogram } from '@rag/observability';
import { GatewayEnv } from '../gateway.env';
import { UpstreamFaultError, UpstreamTimeoutError, UpstreamUnavailableError } from './upstream.errors';
import { openResponse, readText, StreamTimeout } from './upstream-stream';

export type UpstreamService = 'identity' | 'audit' | 'ingestion' | 'chat' | 'agents' | 'evaluation' | 'compliance';

export type QueryValue = string | number | boolean | null | undefined;

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A body sent as it came (a multipart upload) instead of JSON. */
  raw?: { contentType: string; payload: Buffer };
  /** Overrides UPSTREAM_TIMEOUT_MS for a call known to be slow (registering an object by URL). */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  body: T;
}

export interface UpstreamStreamRequest extends Pick<UpstreamRequest, 'path' | 'query' | 'headers' | 'timeoutMs'> {
  /** Aborts the call: the client went away. */
  signal: AbortSignal;
}

/** A 2xx answer's unread body, or the JSON of an error the service answered instead. */
export type UpstreamStreamResponse =
  { status: number; headers: IncomingHttpHeaders; stream: IncomingMessage } | { status: number; body: unknown };

interface Target {
  origin: URL;
  agent: HttpAgent;
  /** Streams hold their connection for as long as they last: a pool of their own, so they never starve calls. */
  streamAgent: HttpAgent;
  send: typeof httpRequest;
}

const MAX_SOCKETS_PER_SERVICE = 256;

const duration = histogram(
  'gateway_upstream_request_duration_seconds',
  'Calls from the gateway to internal services',
  ['service', 'method', 'status'],
  [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

class Timeout extends Error {}

/**
 * Internal HTTP to the services over pooled keep-alive connections (node:http agents), with a
 * deadline on every call. It answers every status a service sends; only a service that cannot
 * be reached (503), does not answer in time (504) or does not answer JSON (502) is an error.
 * node:http rather than fetch: on Node 20 fetch cost ~2.5x the client CPU per call here
 * (README, "Gateway"), and the gateway makes one such call per request.
 */
@Injectable()
export class UpstreamClient implements OnModuleDestroy {
  private readonly targets: Record<UpstreamService, Target>;
  private readonly timeoutMs: number;

  constructor(env: GatewayEnv) {
    this.targets = {
      identity: target(env.IDENTITY_URL),
      audit: target(env.AUDIT_URL),
      ingestion: target(env.INGESTION_URL),
      chat: target(env.CHAT_URL),
      agents: target(env.AGENTS_URL),
      evaluation: target(env.EVALUATION_URL),
      compliance: target(env.COMPLIANCE_URL),
    };
    this.timeoutMs = env.UPSTREAM_TIMEOUT_MS;
  }

  async call<T = unknown>(service: UpstreamService, request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const { origin, agent, send } = this.targets[service];
    const url = urlOf(origin, request);
    const payload =
      request.raw?.payload ?? (request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body)));
    const headers: Record<string, string | number> = { accept: 'application/json', ...request.headers };
    const contentType = request.raw?.contentType ?? 'application/json';
    if (payload) Object.assign(headers, { 'content-type': contentType, 'content-length': payload.length });
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const stopTimer = duration.startTimer({ service, method: request.method });
    let status: number;
    let text: string;
    try {
      ({ status, text } = await exchange(
        () => send(url, { method: request.method, headers, agent }),
        payload,
        timeoutMs,
      ));
    } catch (error) {
      const timedOut = error instanceof Timeout;
      stopTimer({ status: timedOut ? 'timeout' : 'unreachable' });
      throw timedOut ? new UpstreamTimeoutError(service, timeoutMs) : new UpstreamUnavailableError(service);
    }
    stopTimer({ status: String(status) });
    if (status === 503) throw new UpstreamUnavailableError(service);
    if (status >= 500) throw new UpstreamFaultError(service, status);
    try {
      return { status, body: (text ? JSON.parse(text) : undefined) as T };
    } catch {
      throw new UpstreamFaultError(service, status);
    }
  }

  /**
   * A GET whose answer is a stream (Server-Sent Events): resolves at the answer's head, within
   * the call's deadline; from then on the stream runs as long as both ends keep it open. An
   * error answered instead of the stream is read like any call's.
   */
  async stream(service: UpstreamService, request: UpstreamStreamRequest): Promise<UpstreamStreamResponse> {
    const { origin, streamAgent, send } = this.targets[service];
    const url = urlOf(origin, request);
    const headers = { accept: 'text/event-stream', ...request.headers };
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const stopTimer = duration.startTimer({ service, method: 'GET' });
    let response: IncomingMessage;
    try {
      response = await openResponse(
        () => send(url, { method: 'GET', headers, agent: streamAgent, signal: request.signal }),
        timeoutMs,
      );
    } catch (error) {
      const timedOut = error instanceof StreamTimeout;
      stopTimer({ status: timedOut ? 'timeout' : 'unreachable' });
      throw timedOut ? new UpstreamTimeoutError(service, timeoutMs) : new UpstreamUnavailableError(service);
    }
    const status = response.statusCode ?? 0;
    stopTimer({ status: String(status) });
    if (status >= 200 && status < 300) return { status, headers: response.headers, stream: response };
    let text: string;
    try {
      text = await readText(response, deadline - Date.now());
    } catch (error) {
      throw error instanceof StreamTimeout
        ? new UpstreamTimeoutError(service, timeoutMs)
        : new UpstreamUnavailableError(service);
    }
    if (status === 503) throw new UpstreamUnavailableError(service);
    if (status >= 500) throw new UpstreamFaultError(service, status);
    try {
      return { status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch {
      throw new UpstreamFaultError(service, status);
    }
  }

  onModuleDestroy(): void {
    // Open streams end with their connections, which lets the server close.
    for (const { agent, streamAgent } of Object.values(this.targets)) {
      agent.destroy();
      streamAgent.destroy();
    }
  }
}

function urlOf(origin: URL, request: Pick<UpstreamRequest, 'path' | 'query'>): URL {
  const url = new URL(`${origin.pathname.replace(/\/$/, '')}${request.path}`, origin);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url;
}

function target(base: string): Target {
  const origin = new URL(base);
  const options = { keepAlive: true, maxSockets: MAX_SOCKETS_PER_SERVICE, scheduling: 'lifo' as const };
  // A stream keeps its connection to the end and closes it then (nothing to reuse).
  const streamOptions = { keepAlive: false };
  return origin.protocol === 'https:'
    ? { origin, agent: new HttpsAgent(options), streamAgent: new HttpsAgent(streamOptions), send: httpsRequest }
    : { origin, agent: new HttpAgent(options), streamAgent: new HttpAgent(streamOptions), send: httpRequest };
}

/**
 * One request and its whole answer within `timeoutMs`. A pooled connection the service closed
 * while idle fails with ECONNRESET before the service saw anything: that one is retried once.
 */
async function exchange(
  open: () => ClientRequest,
  payload: Buffer | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(open(), payload, deadline - Date.now());
    } catch (error) {
      const stale = (error as { staleSocket?: boolean }).staleSocket === true;
      if (!stale || attempt > 1) throw error;
    }
  }
}

function once(outgoing: ClientRequest, payload: Buffer | undefined, timeoutMs: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(
      () => {
        settle(() => reject(new Timeout()));
        outgoing.destroy();
      },
      Math.max(0, timeoutMs),
    );
    const fail = (error: Error & { code?: string }) =>
      settle(() => reject(Object.assign(error, { staleSocket: outgoing.reusedSocket && error.code === 'ECONNRESET' })));
    outgoing.on('error', fail);
    outgoing.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () =>
        settle(() => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })),
      );
    });
    outgoing.end(payload);
  });
}
