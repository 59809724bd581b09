import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsageQuery, UsageView } from '@rag/api';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

@ApiTags('usage')
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly forwarder: Forwarder) {}

  @Get()
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: "The key's tenant's daily usage over a range, its quotas and today's status" })
  @ApiOkResponse({ type: UsageView })
  @ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid range' })
  usage(@Exchange() exchange: HttpExchange, @Query() query: UsageQuery): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: '/usage', query });
  }
}
