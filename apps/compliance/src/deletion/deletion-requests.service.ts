import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { CreateDeletionRequestDto, DeletionRequestView } from '@rag/api';
import { Actor, createEvent, DeletionRequested, ERASING_APPS } from '@rag/contracts';
import { TenantScope, tenantScope, TenantScopedRepository } from '@rag/database';
import { ApiError, NotFoundError } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { SubjectLookup } from '../clients/subject-lookup';
import { ComplianceEnv } from '../compliance.env';
import { DeletionRequestApp } from './deletion-request-app.entity';
import { DeletionRequest } from './deletion-request.entity';

export const deletionRequests = new TenantScopedRepository(DeletionRequest, 'tenantId');
export const deletionProgress = new TenantScopedRepository(DeletionRequestApp, 'tenantId');

class InvalidSubjectError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'invalid_deletion_subject', message);
  }
}

/** GDPR erasure requests: filed here, carried out by every app that holds data, tracked per app. */
@Injectable()
export class DeletionRequestsService {
  constructor(
    private readonly env: ComplianceEnv,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly subjects: SubjectLookup,
  ) {}

  async create(scope: TenantScope, input: CreateDeletionRequestDto, actor: Actor): Promise<DeletionRequestView> {
    const tenantId = subjectTenant(scope, input);
    if (input.scope === 'user' && !input.userId) throw new InvalidSubjectError('scope user needs userId');
    if (input.scope === 'tenant' && input.userId) throw new InvalidSubjectError('scope tenant takes no userId');
    await this.subjects.assertTenant(tenantId);
    const sessionIds: string[] = [];
    if (input.userId) {
      await this.subjects.assertUser(tenantId, input.userId);
      sessionIds.push(...(await this.subjects.sessionsOf(tenantId, input.userId)));
    }
    const now = new Date();
    const request: DeletionRequest = {
      id: randomUUID(),
      tenantId,
      userId: input.userId ?? null,
      scope: input.scope,
      status: 'pending',
      requestedAt: now,
      completedAt: null,
      attempts: 1,
      deadlineAt: new Date(now.getTime() + this.env.DELETION_DEADLINE_MS),
      sessionIds,
    };
    const subjectScope = tenantScope(tenantId);
    await this.dataSource.transaction(async (manager) => {
      await deletionRequests.insert(manager, subjectScope, request);
      for (const app of ERASING_APPS) {
        await deletionProgress.insert(manager, subjectScope, {
          deletionRequestId: request.id,
          app,
          tenantId,
          status: 'pending',
          counts: {},
          completedAt: null,
        });
      }
      await this.outbox.publish(
        manager,
        createEvent(DeletionRequested, {
          tenantId,
          actor,
          resourceId: request.id,
          data: { scope: request.scope, userId: request.userId, sessionIds, attempt: 1 },
        }),
      );
    });
    return this.get(subjectScope, request.id);
  }

  async get(scope: TenantScope, id: string): Promise<DeletionRequestView> {
    return view(this.dataSource.manager, scope, id);
  }
}

/** A tenant's admin erases within the tenant; a system key names the tenant. */
function subjectTenant(scope: TenantScope, input: CreateDeletionRequestDto): string {
  if (scope.kind === 'tenant') {
    if (input.tenantId && input.tenantId !== scope.tenantId) throw new NotFoundError('tenant', input.tenantId);
    return scope.tenantId;
  }
  if (!input.tenantId) throw new InvalidSubjectError('a system key must name the tenantId');
  return input.tenantId;
}

export async function view(manager: EntityManager, scope: TenantScope, id: string): Promise<DeletionRequestView> {
  const request = await deletionRequests.findOne(manager, scope, { id });
  if (!request) throw new NotFoundError('deletion_request', id);
  const apps = await deletionProgress
    .query(manager, scope, 'p')
    .andWhere('p.deletionRequestId = :id', { id })
    .orderBy('p.app', 'ASC')
    .getMany();
  return {
    id: request.id,
    tenantId: request.tenantId,
    userId: request.userId,
    scope: request.scope,
    status: request.status,
    attempts: request.attempts,
    requestedAt: request.requestedAt.toISOString(),
    deadlineAt: request.deadlineAt.toISOString(),
    completedAt: request.completedAt?.toISOString() ?? null,
    apps: apps.map((app) => ({
      app: app.app,
      status: app.status,
      counts: app.counts,
      completedAt: app.completedAt?.toISOString() ?? null,
    })),
  };
}
