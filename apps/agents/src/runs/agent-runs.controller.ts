import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { AgentRunView, ListAgentRunsQuery } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { AgentRunsService } from './agent-runs.service';

/** Internal API; the gateway maps `/v1/agent-runs` here. */
@Controller('agent-runs')
export class AgentRunsController {
  constructor(private readonly runs: AgentRunsService) {}

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListAgentRunsQuery): Promise<Page<AgentRunView>> {
    return this.runs.list(scope, query);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<AgentRunView> {
    return this.runs.get(scope, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @RequestActor() actor: Actor,
  ): Promise<AgentRunView> {
    return this.runs.cancel(scope, id, actor);
  }
}
