import { HttpStatus } from '@nestjs/common';
import { ALL_TENANTS } from '@rag/database';
import { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { scopeFromRequest } from './request-scope.decorator';

const TENANT = '5d2f4a86-0f0b-4c6e-9a57-3b8f0c1d2e3f';

function requestWith(headers: Record<string, string | string[]>): FastifyRequest {
  return { headers } as unknown as FastifyRequest;
}

function refusal(headers: Record<string, string | string[]>): { status: number; code: string } {
  try {
    scopeFromRequest(requestWith(headers));
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    return { status: apiError.getStatus(), code: (apiError.getResponse() as { error: { code: string } }).error.code };
  }
  throw new Error(`scope accepted for ${JSON.stringify(headers)}`);
}

describe('scopeFromRequest', () => {
  it('scopes a tenant key`s call to its tenant', () => {
    expect(scopeFromRequest(requestWith({ 'x-tenant-id': TENANT }))).toEqual({ kind: 'tenant', tenantId: TENANT });
  });

  it('lower-cases the tenant id so it compares equal to stored ids', () => {
    expect(scopeFromRequest(requestWith({ 'x-tenant-id': TENANT.toUpperCase() }))).toEqual({
      kind: 'tenant',
      tenantId: TENANT,
    });
  });

  it('gives a system key`s call every tenant', () => {
    expect(scopeFromRequest(requestWith({ 'x-tenant-scope': 'all' }))).toBe(ALL_TENANTS);
  });

  it.each([
    ['no scope header at all', {}],
    ['both headers', { 'x-tenant-id': TENANT, 'x-tenant-scope': 'all' }],
    ['an empty tenant id with the all scope', { 'x-tenant-id': '', 'x-tenant-scope': 'all' }],
    ['a scope other than all', { 'x-tenant-scope': 'ALL' }],
    ['a scope of some tenants', { 'x-tenant-scope': 'tenants' }],
    ['a repeated tenant header', { 'x-tenant-id': [TENANT, TENANT] }],
    ['a repeated scope header', { 'x-tenant-scope': ['all', 'all'] }],
  ])('refuses %s with 400 missing_scope', (_, headers) => {
    expect(refusal(headers)).toEqual({ status: HttpStatus.BAD_REQUEST, code: 'missing_scope' });
  });

  it.each(['', 'tenant-1', `${TENANT}x`, ` ${TENANT}`, TENANT.replace(/-/g, ''), `${TENANT},${TENANT}`])(
    'refuses the tenant id %j with 400 invalid_scope',
    (tenantId) => {
      expect(refusal({ 'x-tenant-id': tenantId })).toEqual({ status: HttpStatus.BAD_REQUEST, code: 'invalid_scope' });
    },
  );
});
