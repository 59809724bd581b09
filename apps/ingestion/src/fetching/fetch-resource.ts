import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FetchFailedError, FetchRefusedError } from './fetch-errors';
import { fetchTarget } from './fetch-target';
import { filenameOf } from './filename';
import { createSafeLookup } from './safe-lookup';

export interface FetchLimits {
  maxBytes: number;
  /** The whole fetch, every redirect included: connect, headers and body. */
  timeoutMs: number;
  maxRedirects: number;
  /** `host` or `host:port` entries that may resolve to private addresses (e.g. the blob store's own host). */
  allowedHosts: string[];
}

export interface FetchedResource {
  body: Buffer;
  contentType: string | null;
  finalUrl: string;
  filename: string | null;
}

export const FETCH_USER_AGENT = 'rag-platform-ingestion/1.0';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const safeLookup = createSafeLookup();

type Hop = { redirectTo: string } | { resource: FetchedResource };

function toFetchError(error: unknown, signal: AbortSignal): Error {
  if (error instanceof FetchRefusedError || error instanceof FetchFailedError) return error;
  if (signal.aborted) return new FetchFailedError('timeout', 'the fetch took too long');
  return new FetchFailedError('network', `the fetch failed: ${(error as Error).message}`);
}

function readBody(request: ClientRequest, response: IncomingMessage, target: URL, limits: FetchLimits): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      request.destroy();
      return reject(new FetchFailedError('too_large', `the resource is larger than ${limits.maxBytes} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        request.destroy();
        return reject(new FetchFailedError('too_large', `the resource is larger than ${limits.maxBytes} bytes`));
      }
      chunks.push(chunk);
    });
    response.on('end', () =>
      resolve({
        resource: {
          body: Buffer.concat(chunks),
          contentType: response.headers['content-type'] ?? null,
          finalUrl: target.href,
          filename: filenameOf(response.headers['content-disposition'], target),
        },
      }),
    );
    response.on('error', reject);
    response.on('close', () => {
      if (!response.complete) reject(new FetchFailedError('network', 'the connection closed before the body ended'));
    });
  });
}

/** One GET, without following redirects. */
function fetchOnce(target: URL, allowed: boolean, limits: FetchLimits, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'GET',
        // A fresh connection per hop: a pooled socket would skip the lookup check.
        agent: false,
        lookup: allowed ? undefined : safeLookup,
        signal,
        headers: { 'user-agent': FETCH_USER_AGENT, accept: '*/*', 'accept-encoding': 'identity' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status)) {
          request.destroy();
          const location = response.headers.location;
          if (!location)
            return reject(new FetchFailedError('invalid_redirect', `a ${status} without a Location`, status));
          return resolve({ redirectTo: location });
        }
        if (status < 200 || status > 299) {
          request.destroy();
          return reject(new FetchFailedError('http_status', `the server answered ${status}`, status));
        }
        readBody(request, response, target, limits).then(resolve, reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * Downloads a client-given url without letting it reach private networks (SSRF): http(s)
 * only, no credentials, every address connected to is public (allowedHosts excepted),
 * redirects followed by hand and each hop re-checked, size and total time bounded.
 */
export async function fetchResource(url: string, limits: FetchLimits): Promise<FetchedResource> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let { target, allowed } = fetchTarget(url, limits.allowedHosts);
    for (let redirects = 0; ; redirects++) {
      const hop = await fetchOnce(target, allowed, limits, controller.signal);
      if ('resource' in hop) return hop.resource;
      if (redirects >= limits.maxRedirects) {
        throw new FetchRefusedError('too_many_redirects', `more than ${limits.maxRedirects} redirects`);
      }
      ({ target, allowed } = fetchTarget(hop.redirectTo, limits.allowedHosts, target));
    }
  } catch (error) {
    throw toFetchError(error, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
