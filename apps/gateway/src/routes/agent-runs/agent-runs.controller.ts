import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AgentRunView, ListAgentRunsQuery } from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { AgentRunPageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** Agent runs (agents): a chat turn's answer, its steps, provider, tokens, cost and failures. */
@ApiTags('agent-runs')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/agent-runs')
export class AgentRunsController {
  constructor(private readonly forwarder: Forwarder) {}

  @Get()
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: "List the tenant's agent runs, newest first (optionally one session's)" })
  @ApiOkResponse({ type: AgentRunPageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListAgentRunsQuery): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'GET', path: '/agent-runs', query });
  }

  @Get(':id')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'Read a run: status, provider used, tokens, cost, steps and failures' })
  @ApiOkResponse({ type: AgentRunView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'GET', path: `/agent-runs/${id}` });
  }

  @Post(':id/cancel')
  @Access({ tenant: 'write' })
  @ApiOperation({ summary: 'Cancel a queued or running run' })
  @ApiOkResponse({ type: AgentRunView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the run already ended' })
  cancel(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'POST', path: `/agent-runs/${id}/cancel` });
  }
}
