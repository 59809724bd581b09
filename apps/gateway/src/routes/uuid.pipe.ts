import { HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from '@rag/http';

/** Path ids are checked here, so a bad one is a 400 and never reaches a service. */
export const UUID_PARAM = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => new ApiError(HttpStatus.BAD_REQUEST, 'invalid_id', 'the id in the path must be a UUID'),
});
