import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';

export class DataSourceNameTakenError extends ApiError {
  constructor() {
    super(HttpStatus.CONFLICT, 'data_source_name_taken', 'a data source of this tenant already has this name');
  }
}

export class DataSourceDeletedError extends ApiError {
  constructor(id: string) {
    super(HttpStatus.CONFLICT, 'data_source_deleted', `data source ${id} is deleted`);
  }
}

export class InvalidChunkingError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'invalid_chunking', message);
  }
}
