import { HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/** `@Param('id', UUID_PARAM)`: a path id that is not a UUID is a 400 `invalid_id`, never a query. */
export const UUID_PARAM = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => new ApiError(HttpStatus.BAD_REQUEST, 'invalid_id', 'the id in the path must be a UUID'),
});
