import { HttpStatus } from '@nestjs/common';
import { TenantScope } from '@rag/database';
import { ApiError } from './api-error';

export class TenantScopeRequiredError extends ApiError {
  constructor(what: string) {
    super(HttpStatus.FORBIDDEN, 'tenant_scope_required', `${what} needs a tenant's key (x-tenant-id)`);
  }
}

/** The scope's tenant id; tenant-owned writes and reads refuse the all-tenants scope. */
export function requireTenant(scope: TenantScope, what: string): string {
  if (scope.kind !== 'tenant') throw new TenantScopeRequiredError(what);
  return scope.tenantId;
}
