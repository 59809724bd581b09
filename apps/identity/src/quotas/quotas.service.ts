import { Inject, Injectable } from '@nestjs/common';
import { QuotasView, SetQuotasDto } from '@rag/api';
import { Actor, createEvent, TenantQuotaUpdated } from '@rag/contracts';
import { tenantScope, TenantScope } from '@rag/database';
import { NotFoundError } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { SystemScopeRequiredError } from '../common/scope.errors';
import { IDENTITY_SETTINGS, IdentitySettings, QuotaLimits } from '../identity.settings';
import { findLiveTenant } from '../tenants/live-tenant';
import { tenantQuotas } from './quota.repository';
import { TenantQuota, toQuotasView } from './tenant-quota.entity';

/** A tenant's quotas: created with the tenant from the defaults, read, and set by system admins. */
@Injectable()
export class QuotasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** In the transaction creating the tenant. */
  async createDefaults(manager: EntityManager, tenantId: string, actor: Actor): Promise<QuotasView> {
    const quota: TenantQuota = { tenantId, ...this.settings.defaultQuotas };
    await tenantQuotas.insert(manager, tenantScope(tenantId), quota);
    await this.publish(manager, quota, actor);
    return toQuotasView(quota);
  }

  async get(scope: TenantScope, tenantId: string): Promise<QuotasView> {
    const quota = await tenantQuotas.findOne(this.dataSource.manager, scope, { tenantId });
    if (!quota) throw new NotFoundError('tenant', tenantId);
    return toQuotasView(quota);
  }

  /** Sets every limit; publishes only when one changed. */
  async set(scope: TenantScope, tenantId: string, input: SetQuotasDto, actor: Actor): Promise<QuotasView> {
    if (scope.kind !== 'all-tenants') throw new SystemScopeRequiredError('setting quotas');
    return this.dataSource.transaction(async (manager) => {
      await findLiveTenant(manager, scope, tenantId, 'update');
      const current = await tenantQuotas.findOneForUpdate(manager, scope, { tenantId });
      const limits: QuotaLimits = {
        maxTokensPerDay: input.maxTokensPerDay,
        maxIngestionsPerDay: input.maxIngestionsPerDay,
        maxStorageBytes: input.maxStorageBytes,
      };
      const quota: TenantQuota = { tenantId, ...limits };
      if (!current) await tenantQuotas.insert(manager, scope, quota);
      else if (sameLimits(current, limits)) return toQuotasView(current);
      else await tenantQuotas.update(manager, scope, { tenantId }, limits);
      await this.publish(manager, quota, actor);
      return toQuotasView(quota);
    });
  }

  private publish(manager: EntityManager, quota: TenantQuota, actor: Actor): Promise<void> {
    return this.outbox.publish(
      manager,
      createEvent(TenantQuotaUpdated, {
        tenantId: quota.tenantId,
        actor,
        resourceId: quota.tenantId,
        data: {
          maxTokensPerDay: quota.maxTokensPerDay,
          maxIngestionsPerDay: quota.maxIngestionsPerDay,
          maxStorageBytes: quota.maxStorageBytes,
        },
      }),
    );
  }
}

function sameLimits(a: QuotaLimits, b: QuotaLimits): boolean {
  return (
    a.maxTokensPerDay === b.maxTokensPerDay &&
    a.maxIngestionsPerDay === b.maxIngestionsPerDay &&
    a.maxStorageBytes === b.maxStorageBytes
  );
}
