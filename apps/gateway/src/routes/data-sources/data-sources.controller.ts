import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateDataSourceDto, DataSourceView, ListDataSourcesQuery } from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { DataSourcePageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** The key's tenant's data sources (ingestion); another tenant's ids are not found. */
@ApiTags('data-sources')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/data-sources')
export class DataSourcesController {
  constructor(private readonly forwarder: Forwarder) {}

  @Post()
  @Access({ tenant: 'write' })
  @ApiOperation({ summary: 'Create a data source (its type and chunking settings are fixed)' })
  @ApiCreatedResponse({ type: DataSourceView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the name is taken in this tenant' })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateDataSourceDto): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'POST', path: '/data-sources', body });
  }

  @Get()
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'List data sources' })
  @ApiOkResponse({ type: DataSourcePageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListDataSourcesQuery): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'GET', path: '/data-sources', query });
  }

  @Get(':id')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'Read a data source' })
  @ApiOkResponse({ type: DataSourceView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'GET', path: `/data-sources/${id}` });
  }

  @Delete(':id')
  @Access({ tenant: 'admin' })
  @ApiOperation({ summary: 'Soft-delete a data source: its objects leave search results' })
  @ApiOkResponse({ type: DataSourceView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  remove(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'DELETE', path: `/data-sources/${id}` });
  }
}
