import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CreateDeletionRequestDto, DeletionRequestView } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { DeletionRequestsService } from './deletion-requests.service';

/** Internal API; the gateway maps `/v1/compliance/deletion-requests` here. */
@Controller('deletion-requests')
export class DeletionRequestsController {
  constructor(private readonly requests: DeletionRequestsService) {}

  @Post()
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateDeletionRequestDto,
    @RequestActor() actor: Actor,
  ): Promise<DeletionRequestView> {
    return this.requests.create(scope, input, actor);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<DeletionRequestView> {
    return this.requests.get(scope, id);
  }
}
