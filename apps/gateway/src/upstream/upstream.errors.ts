import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, ApiErrorBody } from '@rag/http';
import { UpstreamService } from './upstream.client';

export class UpstreamUnavailableError extends ApiError {
  constructor(service: UpstreamService) {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'upstream_unavailable', `the ${service} service is unavailable`, {
      service,
    });
  }
}

export class UpstreamTimeoutError extends ApiError {
  constructor(service: UpstreamService, timeoutMs: number) {
    super(
      HttpStatus.GATEWAY_TIMEOUT,
      'upstream_timeout',
      `the ${service} service did not answer within ${timeoutMs} ms`,
      {
        service,
      },
    );
  }
}

/** A service answered with a 5xx or something that is not JSON: its details stay in its logs. */
export class UpstreamFaultError extends ApiError {
  constructor(service: UpstreamService, status: number) {
    super(HttpStatus.BAD_GATEWAY, 'upstream_error', `the ${service} service failed`, { service, status });
  }
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string';
}

/** A service's 4xx goes to the client as it is (status and JSON error body). */
export function passThroughClientError(service: UpstreamService, status: number, body: unknown): HttpException {
  if (isApiErrorBody(body)) return new HttpException(body, status);
  return new ApiError(status, 'upstream_rejected', `the ${service} service refused the request`);
}
