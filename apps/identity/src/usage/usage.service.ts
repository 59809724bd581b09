import { Injectable } from '@nestjs/common';
import { QuotaName, QuotaStatusView, TodayUsageView, UsageDayView, UsageQuery, UsageView } from '@rag/api';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { NotFoundError, TenantScopeRequiredError } from '@rag/http';
import { DataSource, EntityManager } from 'typeorm';
import { tenantQuotas } from '../quotas/quota.repository';
import { TenantQuota, toQuotasView } from '../quotas/tenant-quota.entity';
import { UsageMetric } from './usage-metric.entity';
import { InvalidRangeError } from './usage.errors';
import { addDays, daysInRange, utcDay } from './utc-days';

const usageMetrics = new TenantScopedRepository(UsageMetric, 'tenantId');
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

/** A tenant's daily usage and where it stands against its quotas today (UTC). */
@Injectable()
export class UsageService {
  constructor(private readonly dataSource: DataSource) {}

  async usage(scope: TenantScope, query: UsageQuery): Promise<UsageView> {
    if (scope.kind !== 'tenant') throw new TenantScopeRequiredError('reading usage');
    const to = query.to ?? utcDay(new Date());
    const from = query.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
    const days = daysInRange(from, to);
    if (days === 0) throw new InvalidRangeError('from must not be after to');
    if (days > MAX_RANGE_DAYS) throw new InvalidRangeError(`the range spans ${days} days; at most ${MAX_RANGE_DAYS}`);
    const manager = this.dataSource.manager;
    const quota = await this.quota(manager, scope);
    const [rows, before, today] = await Promise.all([
      usageMetrics
        .query(manager, scope, 'm')
        .andWhere('m.date BETWEEN :from AND :to', { from, to })
        .orderBy('m.date', 'ASC')
        .getMany(),
      this.latest(manager, scope, '<', from),
      this.today(manager, scope, quota),
    ]);
    return { items: fillDays(from, days, rows, before?.storageUsed ?? 0), quotas: toQuotasView(quota), today };
  }

  async quotaStatus(scope: TenantScope): Promise<QuotaStatusView> {
    if (scope.kind !== 'tenant') throw new TenantScopeRequiredError('reading quota status');
    const today = await this.today(this.dataSource.manager, scope, await this.quota(this.dataSource.manager, scope));
    const exceeded = (Object.keys(today) as QuotaName[]).filter((name) => today[name].used >= today[name].limit);
    return { ...today, exceeded };
  }

  private async quota(manager: EntityManager, scope: TenantScope & { kind: 'tenant' }): Promise<TenantQuota> {
    const quota = await tenantQuotas.findOne(manager, scope, { tenantId: scope.tenantId });
    if (!quota) throw new NotFoundError('tenant', scope.tenantId);
    return quota;
  }

  private async today(manager: EntityManager, scope: TenantScope, quota: TenantQuota): Promise<TodayUsageView> {
    const day = utcDay(new Date());
    const latest = await this.latest(manager, scope, '<=', day);
    const row = latest?.date === day ? latest : undefined;
    return {
      tokens: { used: row?.tokensUsed ?? 0, limit: quota.maxTokensPerDay },
      ingestions: { used: row?.ingestions ?? 0, limit: quota.maxIngestionsPerDay },
      storage: { used: latest?.storageUsed ?? 0, limit: quota.maxStorageBytes },
    };
  }

  /** The tenant's last row before (or up to) `day`: where the storage level stood. */
  private latest(
    manager: EntityManager,
    scope: TenantScope,
    comparison: '<' | '<=',
    day: string,
  ): Promise<UsageMetric | null> {
    return usageMetrics
      .query(manager, scope, 'm')
      .andWhere(`m.date ${comparison} :day`, { day })
      .orderBy('m.date', 'DESC')
      .limit(1)
      .getOne();
  }
}

/** Every day of the range; a day without a row used nothing and kept the previous storage level. */
function fillDays(from: string, days: number, rows: UsageMetric[], storageBefore: number): UsageDayView[] {
  const byDate = new Map(rows.map((row) => [row.date, row]));
  let storageUsed = storageBefore;
  return Array.from({ length: days }, (_, offset) => {
    const date = addDays(from, offset);
    const row = byDate.get(date);
    storageUsed = row?.storageUsed ?? storageUsed;
    return {
      date,
      tokensUsed: row?.tokensUsed ?? 0,
      requests: row?.requests ?? 0,
      ingestions: row?.ingestions ?? 0,
      storageUsed,
    };
  });
}
