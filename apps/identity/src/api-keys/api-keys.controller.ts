import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiKeyView,
  CreateApiKeyDto,
  IssuedApiKeyView,
  ListApiKeysQuery,
  VerifiedApiKeyView,
  VerifyApiKeyDto,
} from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { ApiKeyVerifier } from './api-key.verifier';
import { ApiKeysService } from './api-keys.service';

/** Internal API; the gateway maps `/v1/api-keys` here and calls `verify` for every uncached key. */
@Controller('api-keys')
export class ApiKeysController {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  @Post()
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateApiKeyDto,
    @RequestActor() actor: Actor,
  ): Promise<IssuedApiKeyView> {
    return this.apiKeys.create(scope, input, actor);
  }

  /** Service to service: no scope headers, the key says whose it is. */
  @Post('verify')
  @HttpCode(200)
  verify(@Body() input: VerifyApiKeyDto): Promise<VerifiedApiKeyView> {
    return this.verifier.verify(input.key);
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    return this.apiKeys.list(scope, query);
  }

  @Delete(':id')
  @HttpCode(200)
  revoke(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @RequestActor() actor: Actor,
  ): Promise<ApiKeyView> {
    return this.apiKeys.revoke(scope, id, actor);
  }
}
