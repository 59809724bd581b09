import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ChunkLookupDto, ChunkLookupView, SearchDto, SearchResultView } from '@rag/api';
import { TenantScope } from '@rag/database';
import { RequestScope } from '@rag/http';
import { SearchService } from './search.service';

/** Internal API: the gateway's `POST /v1/search`, agents' retrieval, and evaluation's chunk texts. */
@Controller()
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Post('search')
  @HttpCode(200)
  search(@RequestScope() scope: TenantScope, @Body() input: SearchDto): Promise<SearchResultView> {
    return this.searchService.search(scope, input);
  }

  @Post('chunks/lookup')
  @HttpCode(200)
  lookup(@RequestScope() scope: TenantScope, @Body() input: ChunkLookupDto): Promise<ChunkLookupView> {
    return this.searchService.lookup(scope, input);
  }
}
