import { request as httpRequest } from 'node:http';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export const SYSTEM_SCOPE = { 'x-tenant-scope': 'all' } as const;

/**
 * A JSON request to an app; `body` may be a string to send malformed input as is. Built on
 * node:http rather than fetch so that an early answer (413 before the body is sent) is read
 * instead of surfacing as EPIPE.
 */
export function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = SYSTEM_SCOPE,
): Promise<JsonResponse<T>> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      `${baseUrl}${path}`,
      { method, headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: (text ? JSON.parse(text) : undefined) as T,
              headers: responseHeaders,
            });
          } catch {
            reject(new Error(`${method} ${path} answered ${response.statusCode} with non-JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    outgoing.on('error', (error: Error & { code?: string }) => {
      if (answered) return;
      // A server refusing a large body early (413) may close while the body is still being
      // written: the answer it sent can still arrive just after the write fails.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') setTimeout(() => answered || reject(error), 500);
      else reject(error);
    });
    outgoing.end(payload);
  });
}
