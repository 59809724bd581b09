import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { AuditLogPageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';
import { ListAuditLogsQuery } from './list-audit-logs.query';

@ApiTags('audit')
@Controller('v1/audit-logs')
export class AuditLogsController {
  constructor(private readonly forwarder: Forwarder) {}

  /** The scope comes from the key: a tenant admin's call reaches audit in that tenant's scope only. */
  @Get()
  @Access({ tenant: 'admin', system: true })
  @ApiOperation({ summary: "The audit trail, newest first: a tenant admin sees their tenant's rows, a system key all" })
  @ApiOkResponse({ type: AuditLogPageView })
  @ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid filter or cursor' })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListAuditLogsQuery): Promise<unknown> {
    return this.forwarder.forward('audit', exchange, { method: 'GET', path: '/audit-logs', query });
  }
}
