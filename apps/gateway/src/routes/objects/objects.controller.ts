import { ArgumentMetadata, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ListObjectsQuery, ObjectView, RegisterObjectDto } from '@rag/api';
import { createValidationPipe, UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { ObjectPageView } from '../../docs/page.views';
import { GatewayEnv } from '../../gateway.env';
import { ConsumesQuota } from '../../quota/consumes-quota.decorator';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

const validation = createValidationPipe();
const urlBody: ArgumentMetadata = { type: 'body', metatype: RegisterObjectDto };

/** Objects of the key's tenant: registration (by URL or upload), status, deletion. */
@ApiTags('objects')
@Controller('v1/objects')
export class ObjectsController {
  constructor(
    private readonly forwarder: Forwarder,
    private readonly env: GatewayEnv,
  ) {}

  @Post()
  @Access({ tenant: 'write' })
  @ConsumesQuota('ingestions')
  @ApiOperation({
    summary: 'Register an object by URL (JSON) or upload it (multipart: `file` plus the same fields)',
    description:
      'Answers 201 with the pending object, or 200 with the object that already holds the same content in the ' +
      'data source. Ingestion then runs asynchronously: poll GET /v1/objects/{id} for indexed or failed.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: RegisterObjectDto })
  @ApiCreatedResponse({ type: ObjectView })
  @ApiOkResponse({ type: ObjectView, description: 'the same content was registered before' })
  @ApiNotFoundResponse({ type: ApiErrorView, description: 'unknown data source' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorView, description: 'object_too_large' })
  @ApiUnsupportedMediaTypeResponse({
    type: ApiErrorView,
    description: 'content type unsupported or not the source type',
  })
  @ApiUnprocessableEntityResponse({ type: ApiErrorView, description: 'the URL could not be fetched' })
  async register(@Exchange() exchange: HttpExchange): Promise<unknown> {
    const body = exchange.request.body;
    const timeoutMs = this.env.INGEST_TIMEOUT_MS;
    if (Buffer.isBuffer(body)) {
      const contentType = String(exchange.request.headers['content-type']);
      return this.forwarder.forward('ingestion', exchange, {
        method: 'POST',
        path: '/objects',
        raw: { contentType, payload: body },
        timeoutMs,
      });
    }
    const dto = (await validation.transform(body, urlBody)) as RegisterObjectDto;
    return this.forwarder.forward('ingestion', exchange, { method: 'POST', path: '/objects', body: dto, timeoutMs });
  }

  @Get()
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'List objects (deleted ones only with ?status=deleted)' })
  @ApiOkResponse({ type: ObjectPageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListObjectsQuery): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'GET', path: '/objects', query });
  }

  @Get(':id')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'Read an object: status, chunk count, failure step and reason' })
  @ApiOkResponse({ type: ObjectView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'GET', path: `/objects/${id}` });
  }

  @Delete(':id')
  @Access({ tenant: 'write' })
  @ApiOperation({ summary: 'Delete an object with its chunks, keywords, vectors and blobs (checked in each store)' })
  @ApiOkResponse({ type: ObjectView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'object_busy: being ingested right now' })
  remove(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('ingestion', exchange, { method: 'DELETE', path: `/objects/${id}` });
  }
}
