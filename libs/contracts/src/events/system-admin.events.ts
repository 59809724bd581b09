import { IsBoolean } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A global system admin (tenantId null); the email stays in identity's table. */
export class SystemAdminCreatedData {
  @IsBoolean()
  immutable!: boolean;
}

export const SystemAdminCreated = defineEvent({
  type: 'system_admin.created',
  version: 1,
  source: 'identity',
  resourceType: 'system_admin',
  data: SystemAdminCreatedData,
});
