import { HttpStatus } from '@nestjs/common';
import { ApiError, NotFoundError } from './api-error';
import { toApiErrorBody } from './error.filter';

describe('toApiErrorBody', () => {
  it('passes an ApiError body through unchanged', () => {
    const error = new ApiError(HttpStatus.CONFLICT, 'tenant_name_taken', 'the name is taken', { name: 'acme' });
    expect(toApiErrorBody(409, error.getResponse(), error.message)).toEqual({
      error: { code: 'tenant_name_taken', message: 'the name is taken', details: { name: 'acme' } },
    });
  });

  it('names a not-found resource', () => {
    const error = new NotFoundError('tenant', 'abc');
    expect(error.getStatus()).toBe(404);
    expect(toApiErrorBody(404, error.getResponse(), error.message)).toEqual({
      error: { code: 'tenant_not_found', message: 'tenant abc was not found', details: undefined },
    });
  });

  it('maps Nest`s own errors to a code by status, joining message lists', () => {
    expect(
      toApiErrorBody(400, { message: ['name must be a string', 'limit must be an integer'], statusCode: 400 }, 'x'),
    ).toEqual({
      error: { code: 'bad_request', message: 'name must be a string; limit must be an integer' },
    });
    expect(toApiErrorBody(404, { message: 'Cannot GET /nope', statusCode: 404 }, 'x').error).toEqual({
      code: 'not_found',
      message: 'Cannot GET /nope',
    });
    expect(toApiErrorBody(429, undefined, 'slow down').error).toEqual({ code: 'rate_limited', message: 'slow down' });
  });

  it('falls back to generic codes for statuses without one', () => {
    expect(toApiErrorBody(418, undefined, 'teapot').error.code).toBe('error');
    expect(toApiErrorBody(502, undefined, 'internal error').error.code).toBe('internal_error');
    expect(toApiErrorBody(500, 'a string response', 'internal error').error).toEqual({
      code: 'internal_error',
      message: 'internal error',
    });
  });

  it('does not mistake an error object without a code for an API error body', () => {
    expect(toApiErrorBody(400, { error: 'Bad Request', message: 'bad json' }, 'x')).toEqual({
      error: { code: 'bad_request', message: 'bad json' },
    });
  });
});
