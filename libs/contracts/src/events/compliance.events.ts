import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsUUID,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { defineEvent, EventDefinition } from '../event-definition';

export const DELETION_SCOPES = ['user', 'tenant'] as const;
export type DeletionScope = (typeof DELETION_SCOPES)[number];

/** Every app that holds data of a tenant or a user, and so must erase it and reply. */
export const ERASING_APPS = ['identity', 'ingestion', 'chat', 'agents', 'evaluation'] as const;
export type ErasingApp = (typeof ERASING_APPS)[number];

/**
 * A GDPR erasure of a user (their chat sessions, the runs and evaluations of those sessions, the
 * user row) or of a whole tenant. The subject's tenant is the envelope's tenantId. For a user,
 * `sessionIds` are the user's chat sessions, listed by compliance before chat erases them.
 */
export class DeletionRequestedData {
  @IsIn(DELETION_SCOPES)
  scope!: DeletionScope;

  @IsOptional()
  @IsUUID()
  userId!: string | null;

  @IsUUID(undefined, { each: true })
  @ArrayMaxSize(50_000)
  sessionIds!: string[];

  @IsInt()
  @Min(1)
  attempt!: number;
}

/** What one app erased, by kind of record (`{ chat_messages: 120, chat_sessions: 3 }`). */
export class DeletionCompletedData {
  @IsIn(DELETION_SCOPES)
  scope!: DeletionScope;

  @IsObject()
  @IsCounts()
  counts!: Record<string, number>;
}

/** Apps that keep data subject to a tenant's retention (conversations, runs, evaluations). */
export const RETAINING_APPS = ['chat', 'agents', 'evaluation'] as const;
export type RetainingApp = (typeof RETAINING_APPS)[number];

/** The tenant's daily retention: everything created before `cutoff` is to be deleted. */
export class RetentionRequestedData {
  @IsISO8601({ strict: true })
  cutoff!: string;

  @IsInt()
  @Min(1)
  retentionDays!: number;
}

export class RetentionCompletedData {
  @IsObject()
  @IsCounts()
  counts!: Record<string, number>;
}

export class DeletionRequestEndedData {
  @IsIn(DELETION_SCOPES)
  scope!: DeletionScope;

  @IsInt()
  @Min(1)
  attempt!: number;
}

function IsCounts(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCounts',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must map names to non-negative integers', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          Object.entries(value).every(
            ([name, count]) => /^[a-z_]{1,64}$/.test(name) && Number.isSafeInteger(count) && (count as number) >= 0,
          ),
      },
    });
}

const request = { version: 1, resourceType: 'deletion_request' } as const;

export const DeletionRequested = defineEvent({
  ...request,
  type: 'deletion.requested',
  source: 'compliance',
  data: DeletionRequestedData,
});
export const DeletionRequestCompleted = defineEvent({
  ...request,
  type: 'deletion_request.completed',
  source: 'compliance',
  data: DeletionRequestEndedData,
});
export const DeletionRequestStalled = defineEvent({
  ...request,
  type: 'deletion_request.stalled',
  source: 'compliance',
  data: DeletionRequestEndedData,
});

/** Each app replies on its own topic: `deletion.completed.<app>`, resource the deletion request. */
export const DELETION_COMPLETED = Object.fromEntries(
  ERASING_APPS.map((app) => [
    app,
    defineEvent({ ...request, type: `deletion.completed.${app}`, source: app, data: DeletionCompletedData }),
  ]),
) as Record<ErasingApp, EventDefinition<DeletionCompletedData>>;

export const RetentionRequested = defineEvent({
  version: 1,
  resourceType: 'data_retention_job',
  type: 'retention.requested',
  source: 'compliance',
  data: RetentionRequestedData,
});

/** Each retaining app replies on its own topic: `retention.completed.<app>`, resource the job. */
export const RETENTION_COMPLETED = Object.fromEntries(
  RETAINING_APPS.map((app) => [
    app,
    defineEvent({
      version: 1,
      resourceType: 'data_retention_job',
      type: `retention.completed.${app}`,
      source: app,
      data: RetentionCompletedData,
    }),
  ]),
) as Record<RetainingApp, EventDefinition<RetentionCompletedData>>;
