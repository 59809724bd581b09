import { HttpStatus, Injectable } from '@nestjs/common';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { ApiError, Page, pageByCreatedAt } from '@rag/http';
import { DataSource } from 'typeorm';
import { AuditLog, AuditLogView, toAuditLogView } from './audit-log.entity';
import { ListAuditLogsQuery } from './dto/list-audit-logs.query';

const auditLogs = new TenantScopedRepository(AuditLog, 'tenantId');

/** ISO 8601 allows forms (week dates, basic format) that pass validation but not `new Date`. */
function instant(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ApiError(HttpStatus.BAD_REQUEST, 'validation_failed', 'the request is invalid', [
      { field, problems: [`${field} must be a date-time such as 2026-01-31T12:00:00Z`] },
    ]);
  }
  return date;
}

/** The audit trail, newest first, in the caller's tenant scope. */
@Injectable()
export class AuditLogsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: TenantScope, query: ListAuditLogsQuery): Promise<Page<AuditLogView>> {
    const from = instant('from', query.from);
    const to = instant('to', query.to);
    if (from && to && from > to) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_range', 'from must not be after to');
    }
    const builder = auditLogs.query(this.dataSource.manager, scope, 'a');
    if (query.tenantId) builder.andWhere('a.tenantId = :tenantId', { tenantId: query.tenantId });
    // ISO strings in UTC: created_at is a UTC TIMESTAMP, whatever the process's time zone.
    if (from) builder.andWhere('a.createdAt >= :from', { from: from.toISOString() });
    if (to) builder.andWhere('a.createdAt < :to', { to: to.toISOString() });
    if (query.action) builder.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) builder.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.resourceType) builder.andWhere('a.resourceType = :resourceType', { resourceType: query.resourceType });
    if (query.resourceId) builder.andWhere('a.resourceId = :resourceId', { resourceId: query.resourceId });
    return pageByCreatedAt(builder, 'a', query, 'DESC', toAuditLogView);
  }
}
