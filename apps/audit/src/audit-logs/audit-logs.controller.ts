import { Controller, Get, Query } from '@nestjs/common';
import { TenantScope } from '@rag/database';
import { Page, RequestScope } from '@rag/http';
import { AuditLogView } from './audit-log.entity';
import { AuditLogsService } from './audit-logs.service';
import { ListAuditLogsQuery } from './dto/list-audit-logs.query';

/** Internal API; the gateway maps `/v1/audit-logs` here (tenant admins: own tenant only). */
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListAuditLogsQuery): Promise<Page<AuditLogView>> {
    return this.auditLogs.list(scope, query);
  }
}
