import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SearchDto, SearchResultView } from '@rag/api';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly forwarder: Forwarder) {}

  @Post()
  @HttpCode(200)
  @Access({ tenant: 'read' })
  @ApiOperation({
    summary: 'Hybrid retrieval over the tenant’s indexed chunks',
    description: 'Vector similarity and keyword matches fused by reciprocal rank fusion; top k with scores and URLs.',
  })
  @ApiOkResponse({ type: SearchResultView })
  @ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid query or filters' })
  search(@Exchange() exchange: HttpExchange, @Body() body: SearchDto): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'POST', path: '/search', body });
  }
}
