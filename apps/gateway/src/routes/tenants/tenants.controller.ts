import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreatedTenantView,
  CreateTenantDto,
  ListTenantsQuery,
  QuotasView,
  SetQuotasDto,
  TenantView,
  UpdateTenantDto,
} from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { CacheInvalidation } from '../../cache/cache-invalidation';
import { ApiErrorView } from '../../docs/api-error.view';
import { TenantPageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

@ApiTags('tenants')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Access({ system: true })
@Controller('v1/tenants')
export class TenantsController {
  constructor(
    private readonly forwarder: Forwarder,
    private readonly invalidate: CacheInvalidation,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a tenant with its quotas and first admin key (the key is shown only here)' })
  @ApiCreatedResponse({ type: CreatedTenantView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'a live tenant has this name' })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateTenantDto): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'POST', path: '/tenants', body });
  }

  @Get()
  @ApiOperation({ summary: 'List tenants' })
  @ApiOkResponse({ type: TenantPageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListTenantsQuery): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: '/tenants', query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a tenant' })
  @ApiOkResponse({ type: TenantView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: `/tenants/${id}` });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, suspend or reactivate a tenant, change its retention or metadata' })
  @ApiOkResponse({ type: TenantView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'name taken, or the tenant is deleted' })
  async update(
    @Exchange() exchange: HttpExchange,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateTenantDto,
  ): Promise<unknown> {
    const tenant = await this.forwarder.forward('identity', exchange, {
      method: 'PATCH',
      path: `/tenants/${id}`,
      body,
    });
    if (body.status !== undefined) this.invalidate.tenant(id);
    return tenant;
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Soft-delete a tenant: its keys stop working at once; its data stays until erasure' })
  @ApiOkResponse({ type: TenantView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async remove(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    const tenant = await this.forwarder.forward('identity', exchange, { method: 'DELETE', path: `/tenants/${id}` });
    this.invalidate.tenant(id);
    return tenant;
  }

  @Get(':id/quotas')
  @ApiOperation({ summary: "Read a tenant's quotas" })
  @ApiOkResponse({ type: QuotasView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  quotas(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('identity', exchange, { method: 'GET', path: `/tenants/${id}/quotas` });
  }

  @Put(':id/quotas')
  @ApiOperation({ summary: "Set a tenant's quotas (tokens and ingestions per UTC day, storage in total)" })
  @ApiOkResponse({ type: QuotasView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async setQuotas(
    @Exchange() exchange: HttpExchange,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: SetQuotasDto,
  ): Promise<unknown> {
    const quotas = await this.forwarder.forward('identity', exchange, {
      method: 'PUT',
      path: `/tenants/${id}/quotas`,
      body,
    });
    this.invalidate.quotas(id);
    return quotas;
  }
}
