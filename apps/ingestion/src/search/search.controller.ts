import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { SearchDto, SearchResultView } from '@rag/api';
import { TenantScope } from '@rag/database';
import { RequestScope } from '@rag/http';
import { SearchService } from './search.service';

/** Internal API: the gateway's `POST /v1/search`, and agents' retrieval. */
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Post()
  @HttpCode(200)
  search(@RequestScope() scope: TenantScope, @Body() input: SearchDto): Promise<SearchResultView> {
    return this.searchService.search(scope, input);
  }
}
