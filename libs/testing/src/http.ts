export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export const SYSTEM_SCOPE = { 'x-tenant-scope': 'all' } as const;

/** A JSON request to an app; `body` may be a string to send malformed input as is. */
export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = SYSTEM_SCOPE,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}
