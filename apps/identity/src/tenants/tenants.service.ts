import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CreatedTenantView, CreateTenantDto, ListTenantsQuery, TenantView, UpdateTenantDto } from '@rag/api';
import {
  Actor,
  createEvent,
  EventEnvelope,
  TenantCreated,
  TenantDeleted,
  TenantReactivated,
  TenantSuspended,
  TenantUpdated,
} from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKeyWriter } from '../api-keys/api-key.writer';
import { givenFields } from '../common/changes';
import { isUniqueViolation } from '@rag/database';
import { EmptyUpdateError, SystemScopeRequiredError } from '../common/scope.errors';
import { QuotasService } from '../quotas/quotas.service';
import { findLiveTenant, tenants } from './live-tenant';
import { Tenant, toTenantView } from './tenant.entity';
import { TenantNameTakenError } from './tenant.errors';

/** Tenant lifecycle; every change commits with its event in one transaction (outbox). */
@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly quotas: QuotasService,
    private readonly keys: ApiKeyWriter,
  ) {}

  /** The tenant, its default quotas and its first admin key, in one transaction. */
  async create(scope: TenantScope, input: CreateTenantDto, actor: Actor): Promise<CreatedTenantView> {
    if (scope.kind !== 'all-tenants') throw new SystemScopeRequiredError('creating a tenant');
    const now = new Date();
    const tenant: Tenant = {
      id: randomUUID(),
      name: input.name,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      retentionDays: input.retentionDays ?? 365,
      metadata: input.metadata ?? {},
    };
    const apiKey = await this.write(input.name, async (manager) => {
      await tenants.insert(manager, scope, tenant);
      await this.outbox.publish(
        manager,
        createEvent(TenantCreated, {
          tenantId: tenant.id,
          actor,
          resourceId: tenant.id,
          data: { status: tenant.status, retentionDays: tenant.retentionDays },
        }),
      );
      await this.quotas.createDefaults(manager, tenant.id, actor);
      return this.keys.issue(
        manager,
        { tenantId: tenant.id, systemAdminId: null },
        { scope: 'admin', expiresAt: null, name: 'initial admin key' },
        actor,
      );
    });
    return { tenant: toTenantView(tenant), apiKey };
  }

  async get(scope: TenantScope, id: string): Promise<TenantView> {
    const tenant = await tenants.findOne(this.dataSource.manager, scope, { id });
    if (!tenant) throw new NotFoundError('tenant', id);
    return toTenantView(tenant);
  }

  async list(scope: TenantScope, query: ListTenantsQuery): Promise<Page<TenantView>> {
    const builder = tenants.query(this.dataSource.manager, scope, 't');
    if (query.status) builder.andWhere('t.status = :status', { status: query.status });
    return pageByCreatedAt(builder, 't', query, 'ASC', toTenantView);
  }

  async update(scope: TenantScope, id: string, input: UpdateTenantDto, actor: Actor): Promise<TenantView> {
    const changes: Record<string, unknown> = givenFields(input);
    if (Object.keys(changes).length === 0) {
      throw new EmptyUpdateError(['name', 'status', 'retentionDays', 'metadata']);
    }
    return this.write(input.name, async (manager) => {
      const tenant = await this.lockLive(manager, scope, id);
      const previousStatus = tenant.status;
      const changedFields = Object.keys(changes).filter(
        (field) =>
          field !== 'status' && JSON.stringify(changes[field]) !== JSON.stringify(tenant[field as keyof Tenant]),
      );
      Object.assign(tenant, changes, { updatedAt: new Date() });
      await tenants.update(manager, scope, { id }, { ...changes, updatedAt: tenant.updatedAt });
      const events: EventEnvelope<object>[] = [];
      const base = { tenantId: id, actor, resourceId: id };
      if (changedFields.length > 0) events.push(createEvent(TenantUpdated, { ...base, data: { changedFields } }));
      if (tenant.status !== previousStatus) {
        const definition = tenant.status === 'suspended' ? TenantSuspended : TenantReactivated;
        events.push(createEvent(definition, { ...base, data: { previousStatus, status: tenant.status } }));
      }
      if (events.length > 0) await this.outbox.publish(manager, ...events);
      return toTenantView(tenant);
    });
  }

  /** Soft delete: the row stays with status `deleted`; GDPR erasure is the compliance app's. */
  async remove(scope: TenantScope, id: string, actor: Actor): Promise<TenantView> {
    return this.dataSource.transaction(async (manager) => {
      const tenant = await this.lockLive(manager, scope, id);
      const previousStatus = tenant.status;
      tenant.status = 'deleted';
      tenant.updatedAt = new Date();
      await tenants.update(manager, scope, { id }, { status: tenant.status, updatedAt: tenant.updatedAt });
      await this.outbox.publish(
        manager,
        createEvent(TenantDeleted, {
          tenantId: id,
          actor,
          resourceId: id,
          data: { previousStatus, status: 'deleted' },
        }),
      );
      return toTenantView(tenant);
    });
  }

  private lockLive(manager: EntityManager, scope: TenantScope, id: string): Promise<Tenant> {
    return findLiveTenant(manager, scope, id, 'update');
  }

  private async write<T>(name: string | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error, 'tenants_live_name_key')) throw new TenantNameTakenError(name);
      throw error;
    }
  }
}
