import { currentTraceHeaders } from '@rag/observability';

/** The `tenantId` of a call made in no tenant's scope (x-tenant-scope: all). */
export const ALL_TENANTS_SCOPE = 'all';

export interface ServiceCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The tenant the call acts for (x-tenant-id), or ALL_TENANTS_SCOPE for a platform job's system-wide read. */
  tenantId: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * A service call that did not answer 2xx. `status` is absent when the service could not be
 * reached or did not answer in time; `retryable` says whether the same call may succeed later.
 */
export class ServiceCallError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly service: string,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ServiceCallError';
    this.retryable = status === undefined || status === 429 || status >= 500;
  }
}

/**
 * Internal HTTP from one service to another (agents → chat, ingestion, identity) with a deadline,
 * the caller's trace context and the tenant scope header. Answers the parsed JSON body of a 2xx.
 */
export async function callService<T>(service: string, baseUrl: string, call: ServiceCall): Promise<T> {
  const url = new URL(call.path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const deadline = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
  let response: Response;
  try {
    response = await fetch(url, {
      method: call.method,
      headers: {
        accept: 'application/json',
        ...(call.tenantId === ALL_TENANTS_SCOPE ? { 'x-tenant-scope': 'all' } : { 'x-tenant-id': call.tenantId }),
        'x-actor-type': 'service',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...currentTraceHeaders(),
        ...call.headers,
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal,
    });
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    const reason = deadline.aborted ? `no answer within ${call.timeoutMs} ms` : (error as Error).message;
    throw new ServiceCallError(service, `${service} ${call.method} ${call.path}: ${reason}`);
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ServiceCallError(
      service,
      `${service} ${call.method} ${call.path} answered ${response.status}${error?.message ? `: ${error.message}` : ''}`,
      response.status,
      error?.code,
    );
  }
  return body as T;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One service's internal API at `baseUrl`, every call with the same deadline unless told otherwise. */
export class ServiceClient {
  constructor(
    private readonly service: string,
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  call<T>(tenantId: string, call: Omit<ServiceCall, 'tenantId' | 'timeoutMs'> & { timeoutMs?: number }): Promise<T> {
    return callService<T>(this.service, this.baseUrl, { timeoutMs: this.timeoutMs, ...call, tenantId });
  }
}
