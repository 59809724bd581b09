import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';

export class TenantNameTakenError extends ApiError {
  constructor(name: string) {
    super(HttpStatus.CONFLICT, 'tenant_name_taken', `a tenant named "${name}" already exists`);
  }
}

export class TenantDeletedError extends ApiError {
  constructor(id: string) {
    super(HttpStatus.CONFLICT, 'tenant_deleted', `tenant ${id} is deleted and cannot be changed`);
  }
}

export class SystemScopeRequiredError extends ApiError {
  constructor(what: string) {
    super(HttpStatus.FORBIDDEN, 'system_scope_required', `${what} needs a system key`);
  }
}

export class EmptyUpdateError extends ApiError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'empty_update', 'give at least one of name, status, retentionDays, metadata');
  }
}

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === UNIQUE_VIOLATION && driverError.constraint === constraint;
}
