import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CreateDataSourceDto, DataSourceView, ListDataSourcesQuery } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { DataSourcesService } from './data-sources.service';

/** Internal API; the gateway maps `/v1/data-sources` here. */
@Controller('data-sources')
export class DataSourcesController {
  constructor(private readonly dataSources: DataSourcesService) {}

  @Post()
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateDataSourceDto,
    @RequestActor() actor: Actor,
  ): Promise<DataSourceView> {
    return this.dataSources.create(scope, input, actor);
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListDataSourcesQuery): Promise<Page<DataSourceView>> {
    return this.dataSources.list(scope, query);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<DataSourceView> {
    return this.dataSources.get(scope, id);
  }

  @Delete(':id')
  @HttpCode(200)
  remove(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @RequestActor() actor: Actor,
  ): Promise<DataSourceView> {
    return this.dataSources.remove(scope, id, actor);
  }
}
