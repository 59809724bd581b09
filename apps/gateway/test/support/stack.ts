import { AppProcess, JsonResponse, request, startApp } from '@rag/testing';

/** Identity's bootstrap system key in every gateway spec (a different one would revoke it). */
export const SYSTEM_KEY = 'gateway-tests-system-admin-key-0123456789abcdef';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export interface CallOptions {
  key?: string;
  userId?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Call = <T = ErrorBody>(method: string, path: string, options?: CallOptions) => Promise<JsonResponse<T>>;

/** Calls a gateway as a client would: bearer key, optional acting user, a recognisable user agent. */
export function gatewayClient(baseUrl: string, userAgent = 'gateway-tests/1.0'): Call {
  return (method, path, options = {}) =>
    request(baseUrl, method, path, options.body, {
      'user-agent': userAgent,
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(options.userId ? { 'x-user-id': options.userId } : {}),
      ...options.headers,
    });
}

export interface Stack {
  identity: AppProcess;
  audit: AppProcess;
  gateways: AppProcess[];
  stop(): Promise<void>;
}

/** Identity (with the system key), audit, and `gateways` gateway processes in front of them. */
export async function startStack(
  options: { gatewayEnv?: Record<string, string>; gateways?: number } = {},
): Promise<Stack> {
  const [identity, audit] = await Promise.all([
    startApp('identity', { SYSTEM_ADMIN_KEY: SYSTEM_KEY }),
    startApp('audit'),
  ]);
  const gateways = await Promise.all(
    Array.from({ length: options.gateways ?? 1 }, () =>
      startApp('gateway', {
        IDENTITY_URL: identity.url,
        AUDIT_URL: audit.url,
        // Specs poll through the gateway with one key; rate limiting has its own spec that lowers these.
        RATE_LIMIT_PER_SECOND: '1000',
        RATE_LIMIT_BURST: '2000',
        ...options.gatewayEnv,
      }),
    ),
  );
  return {
    identity,
    audit,
    gateways,
    stop: async () => {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await Promise.all([identity.stop(), audit.stop()]);
    },
  };
}
