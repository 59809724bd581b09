import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { QuotasView, SetQuotasDto } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { QuotasService } from './quotas.service';

/** Internal API; the gateway maps `/v1/tenants/:id/quotas` here (system keys set them). */
@Controller('tenants/:id/quotas')
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  @Get()
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<QuotasView> {
    return this.quotas.get(scope, id);
  }

  @Put()
  set(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() input: SetQuotasDto,
    @RequestActor() actor: Actor,
  ): Promise<QuotasView> {
    return this.quotas.set(scope, id, input, actor);
  }
}
