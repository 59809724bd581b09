import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateDeletionRequestDto, DeletionRequestView } from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** GDPR erasure (compliance): a user's or a tenant's data, hard-deleted by every app that holds it. */
@ApiTags('compliance')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/compliance/deletion-requests')
export class DeletionRequestsController {
  constructor(private readonly forwarder: Forwarder) {}

  @Post()
  @Access({ tenant: 'admin', system: true })
  @ApiOperation({ summary: 'Erase a user (their sessions, messages, runs, evaluations, the user) or a whole tenant' })
  @ApiCreatedResponse({ type: DeletionRequestView })
  @ApiNotFoundResponse({ type: ApiErrorView, description: 'no such user or tenant' })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateDeletionRequestDto): Promise<unknown> {
    return this.forwarder.forward('compliance', exchange, { method: 'POST', path: '/deletion-requests', body });
  }

  @Get(':id')
  @Access({ tenant: 'admin', system: true })
  @ApiOperation({ summary: 'A deletion request and its progress per app' })
  @ApiOkResponse({ type: DeletionRequestView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('compliance', exchange, { method: 'GET', path: `/deletion-requests/${id}` });
  }
}
