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
