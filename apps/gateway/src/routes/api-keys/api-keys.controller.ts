import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyView, CreateApiKeyDto, IssuedApiKeyView, ListApiKeysQuery } from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { CacheInvalidation } from '../../cache/cache-invalidation';
import { ApiErrorView } from '../../docs/api-error.view';
import { ApiKeyPageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

@ApiTags('api-keys')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Access({ tenant: 'admin' })
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly forwarder: Forwarder,
    private readonly invalidate: CacheInvalidation,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Issue a key for the tenant (the secret is shown only in this answer)' })
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateApiKeyDto): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'POST', path: '/api-keys', body });
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's keys (never their secrets)" })
  @ApiOkResponse({ type: ApiKeyPageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListApiKeysQuery): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: '/api-keys', query });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key: every gateway instance refuses it within a second' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async revoke(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    const key = await this.forwarder.forward('identity', exchange, { method: 'DELETE', path: `/api-keys/${id}` });
    this.invalidate.apiKey(id);
    return key;
  }
}
