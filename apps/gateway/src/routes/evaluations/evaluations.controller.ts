import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateEvaluationDto,
  CreateSessionReportDto,
  EvaluationSetView,
  ListEvaluationsQuery,
  ReportLinksView,
} from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { RagEvaluationPageView } from '../../docs/page.views';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** Evaluation (evaluation app): sets of questions run through the RAG path and scored, live scores, reports. */
@ApiTags('evaluations')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/evaluations')
export class EvaluationsController {
  constructor(private readonly forwarder: Forwarder) {}

  @Post()
  @Access({ tenant: 'write' })
  @ApiOperation({ summary: 'Run an evaluation set: each question through the RAG path, scored, then a report' })
  @ApiAcceptedResponse({ type: EvaluationSetView, description: 'started; follow it with GET /v1/evaluations/:id' })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateEvaluationDto): Promise<unknown> {
    return this.forwarder.forward('evaluation', exchange, { method: 'POST', path: '/evaluations', body });
  }

  @Get()
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: "A session's scored answers (live evaluation), newest first" })
  @ApiOkResponse({ type: RagEvaluationPageView })
  @ApiNotFoundResponse({ type: ApiErrorView, description: 'no such session' })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListEvaluationsQuery): Promise<unknown> {
    return this.forwarder.forward('evaluation', exchange, { method: 'GET', path: '/evaluations', query });
  }

  @Post('session-reports')
  @Access({ tenant: 'write' })
  @ApiOperation({ summary: "A report (HTML and JSON) of a session's scored answers, on demand" })
  @ApiCreatedResponse({ type: ReportLinksView })
  @ApiNotFoundResponse({ type: ApiErrorView, description: 'no such session' })
  sessionReport(@Exchange() exchange: HttpExchange, @Body() body: CreateSessionReportDto): Promise<unknown> {
    return this.forwarder.forward('evaluation', exchange, {
      method: 'POST',
      path: '/evaluations/session-reports',
      body,
    });
  }

  @Get(':id')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'An evaluation set: progress, each question with its answer and scores, summary, report' })
  @ApiOkResponse({ type: EvaluationSetView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('evaluation', exchange, { method: 'GET', path: `/evaluations/${id}` });
  }
}
