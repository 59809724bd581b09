import { Controller, Get, Query } from '@nestjs/common';
import { QuotaStatusView, UsageQuery, UsageView } from '@rag/api';
import { TenantScope } from '@rag/database';
import { RequestScope } from '@rag/http';
import { UsageService } from './usage.service';

/** Internal API: `/usage` behind the gateway's `/v1/usage`; `/quota-status` for the gateway and services. */
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('usage')
  get(@RequestScope() scope: TenantScope, @Query() query: UsageQuery): Promise<UsageView> {
    return this.usage.usage(scope, query);
  }

  @Get('quota-status')
  quotaStatus(@RequestScope() scope: TenantScope): Promise<QuotaStatusView> {
    return this.usage.quotaStatus(scope);
  }
}
