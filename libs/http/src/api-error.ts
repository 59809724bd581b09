import { HttpException, HttpStatus } from '@nestjs/common';

/** The JSON body of every error answer: `{ "error": { "code", "message", "details" } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error meant for the client, with a stable machine-readable code. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, details?: unknown) {
    super({ error: { code, message, details } } satisfies ApiErrorBody, status);
  }
}

export class NotFoundError extends ApiError {
  constructor(resource: string, id: string) {
    super(HttpStatus.NOT_FOUND, `${resource}_not_found`, `${resource} ${id} was not found`);
  }
}
