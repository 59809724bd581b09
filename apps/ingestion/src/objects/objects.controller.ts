import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ArgumentMetadata } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListObjectsQuery, ObjectFieldsDto, ObjectView, RegisterObjectDto } from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { createValidationPipe, Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { IngestionEnv } from '../ingestion.env';
import { readMultipartUpload } from './multipart-upload';
import { ObjectDeletionService } from './object-deletion.service';
import { ObjectRegistrationService } from './object-registration.service';
import { ObjectsService } from './objects.service';
import { UrlContent } from './url-content';

const validation = createValidationPipe();

const urlBody: ArgumentMetadata = { type: 'body', metatype: RegisterObjectDto };
const uploadFields: ArgumentMetadata = { type: 'body', metatype: ObjectFieldsDto };

/**
 * Internal API; the gateway maps `/v1/objects` here. Registration takes JSON `{dataSourceId,
 * url, tags?, sidecarText?}` or a multipart upload (a `file` part plus the same fields):
 * 201 with the new object, or 200 with the object already holding the same content.
 */
@Controller('objects')
export class ObjectsController {
  constructor(
    private readonly env: IngestionEnv,
    private readonly registration: ObjectRegistrationService,
    private readonly deletion: ObjectDeletionService,
    private readonly objects: ObjectsService,
    private readonly urls: UrlContent,
  ) {}

  @Post()
  async register(
    @RequestScope() scope: TenantScope,
    @RequestActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ObjectView> {
    const { input, content } = request.isMultipart()
      ? await this.fromUpload(request)
      : await this.fromUrl(request.body);
    const result = await this.registration.register(scope, input, content, actor);
    void reply.status(result.created ? 201 : 200);
    return result.object;
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListObjectsQuery): Promise<Page<ObjectView>> {
    return this.objects.list(scope, query);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<ObjectView> {
    return this.objects.get(scope, id);
  }

  @Delete(':id')
  @HttpCode(200)
  remove(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @RequestActor() actor: Actor,
  ): Promise<ObjectView> {
    return this.deletion.remove(scope, id, actor);
  }

  private async fromUrl(body: unknown) {
    const dto = (await validation.transform(body, urlBody)) as RegisterObjectDto;
    const content = await this.urls.fetch(dto.url);
    return { input: { dataSourceId: dto.dataSourceId, tags: dto.tags ?? [], sidecarText: dto.sidecarText }, content };
  }

  private async fromUpload(request: FastifyRequest) {
    const { fields, content } = await readMultipartUpload(request, this.env.MAX_OBJECT_BYTES);
    // Every field but tags is single-valued; unknown fields reach the validator and are refused.
    const plain: Record<string, unknown> = Object.fromEntries(
      Object.entries(fields).map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
    );
    if (fields.tags) plain.tags = fields.tags.flatMap((value) => value.split(',')).map((tag) => tag.trim());
    const dto = (await validation.transform(plain, uploadFields)) as ObjectFieldsDto;
    return { input: { dataSourceId: dto.dataSourceId, tags: dto.tags ?? [], sidecarText: dto.sidecarText }, content };
  }
}
