import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { ALL_TENANTS, TenantScope, tenantScope } from '@rag/database';
import { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant scope of an internal HTTP call, set by the gateway from the verified API key:
 * `x-tenant-id: <uuid>` for a tenant's key, `x-tenant-scope: all` for a system key. A call
 * with neither is refused: no scope never means every tenant.
 */
export function scopeFromRequest(request: FastifyRequest): TenantScope {
  const tenantId = request.headers['x-tenant-id'];
  const all = request.headers['x-tenant-scope'];
  if (typeof tenantId === 'string' && all === undefined) {
    if (!UUID.test(tenantId)) throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_scope', 'x-tenant-id must be a UUID');
    return tenantScope(tenantId.toLowerCase());
  }
  if (all === 'all' && tenantId === undefined) return ALL_TENANTS;
  throw new ApiError(
    HttpStatus.BAD_REQUEST,
    'missing_scope',
    'exactly one of x-tenant-id (a tenant id) or x-tenant-scope: all is required',
  );
}

export const RequestScope = createParamDecorator((_: unknown, context: ExecutionContext): TenantScope =>
  scopeFromRequest(context.switchToHttp().getRequest<FastifyRequest>()),
);
