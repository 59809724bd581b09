import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';

export class UserEmailTakenError extends ApiError {
  constructor() {
    super(HttpStatus.CONFLICT, 'user_email_taken', 'a user of this tenant already has this email');
  }
}

export class UserDeletedError extends ApiError {
  constructor(id: string) {
    super(HttpStatus.CONFLICT, 'user_deleted', `user ${id} is deleted and cannot be changed`);
  }
}
