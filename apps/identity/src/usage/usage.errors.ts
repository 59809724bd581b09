import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';

export class InvalidRangeError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'invalid_range', message);
  }
}
