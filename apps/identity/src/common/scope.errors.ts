import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';

export class SystemScopeRequiredError extends ApiError {
  constructor(what: string) {
    super(HttpStatus.FORBIDDEN, 'system_scope_required', `${what} needs a system key`);
  }
}

export class EmptyUpdateError extends ApiError {
  constructor(fields: string[]) {
    super(HttpStatus.BAD_REQUEST, 'empty_update', `give at least one of ${fields.join(', ')}`);
  }
}
