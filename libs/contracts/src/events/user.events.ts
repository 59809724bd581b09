import { IsArray, IsIn, IsString } from 'class-validator';
import { defineEvent } from '../event-definition';

export const USER_ROLES = ['admin', 'user', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_STATUSES = ['active', 'disabled', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Users' emails are personal data: they stay in identity's tables, never in events. */
export class UserCreatedData {
  @IsIn(USER_ROLES)
  role!: UserRole;

  @IsIn(USER_STATUSES)
  status!: UserStatus;
}

/** The user's role and status after the change, so caches (the gateway's) can update in place. */
export class UserUpdatedData {
  @IsArray()
  @IsString({ each: true })
  changedFields!: string[];

  @IsIn(USER_ROLES)
  role!: UserRole;

  @IsIn(USER_STATUSES)
  status!: UserStatus;
}

export class UserDeletedData {
  @IsIn(USER_STATUSES)
  previousStatus!: UserStatus;
}

const userEvent = { version: 1, source: 'identity', resourceType: 'user' } as const;

export const UserCreated = defineEvent({ ...userEvent, type: 'user.created', data: UserCreatedData });
export const UserUpdated = defineEvent({ ...userEvent, type: 'user.updated', data: UserUpdatedData });
export const UserDeleted = defineEvent({ ...userEvent, type: 'user.deleted', data: UserDeletedData });
