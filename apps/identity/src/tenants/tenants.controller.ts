import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CreatedTenantView, CreateTenantDto, ListTenantsQuery, TenantView, UpdateTenantDto } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { TenantsService } from './tenants.service';

/** Internal API; the gateway maps `/v1/tenants` here after checking the caller's key. */
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateTenantDto,
    @RequestActor() actor: Actor,
  ): Promise<CreatedTenantView> {
    return this.tenants.create(scope, input, actor);
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListTenantsQuery): Promise<Page<TenantView>> {
    return this.tenants.list(scope, query);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<TenantView> {
    return this.tenants.get(scope, id);
  }

  @Patch(':id')
  update(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() input: UpdateTenantDto,
    @RequestActor() actor: Actor,
  ): Promise<TenantView> {
    return this.tenants.update(scope, id, input, actor);
  }

  @Delete(':id')
  @HttpCode(200)
  remove(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @RequestActor() actor: Actor,
  ): Promise<TenantView> {
    return this.tenants.remove(scope, id, actor);
  }
}
