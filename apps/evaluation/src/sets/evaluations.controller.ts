import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  CreateEvaluationDto,
  CreateSessionReportDto,
  EvaluationSetView,
  ListEvaluationsQuery,
  RagEvaluationView,
  ReportLinksView,
} from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { EvaluationSetsService } from './evaluation-sets.service';

/** Internal API; the gateway maps `/v1/evaluations` here. */
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly sets: EvaluationSetsService) {}

  @Post()
  @HttpCode(202)
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateEvaluationDto,
    @RequestActor() actor: Actor,
  ): Promise<EvaluationSetView> {
    return this.sets.create(scope, input, actor);
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListEvaluationsQuery): Promise<Page<RagEvaluationView>> {
    return this.sets.ofSession(scope, query);
  }

  @Post('session-reports')
  sessionReport(@RequestScope() scope: TenantScope, @Body() input: CreateSessionReportDto): Promise<ReportLinksView> {
    return this.sets.sessionReport(scope, input.sessionId);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<EvaluationSetView> {
    return this.sets.get(scope, id);
  }
}
