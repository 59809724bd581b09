import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  LlmCompleteDto,
  LlmCompletionView,
  LlmConfigView,
  LlmProviderView,
  RegisterLlmProviderDto,
  SetLlmConfigDto,
} from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { RequestActor, RequestScope } from '@rag/http';
import { LlmCompletions } from './llm-config/llm-completions.service';
import { LlmConfigService } from './llm-config/llm-config.service';
import { LlmProvidersService } from './providers/llm-providers.service';

/** Internal API; the gateway maps `/v1/llm/...` here. */
@Controller('llm')
export class LlmController {
  constructor(
    private readonly providers: LlmProvidersService,
    private readonly config: LlmConfigService,
    private readonly completions: LlmCompletions,
  ) {}

  @Post('providers')
  register(
    @RequestScope() scope: TenantScope,
    @Body() input: RegisterLlmProviderDto,
    @RequestActor() actor: Actor,
  ): Promise<LlmProviderView> {
    return this.providers.register(scope, input, actor);
  }

  @Get('providers')
  list(): Promise<{ items: LlmProviderView[] }> {
    return this.providers.list();
  }

  @Put('config')
  setConfig(
    @RequestScope() scope: TenantScope,
    @Body() input: SetLlmConfigDto,
    @RequestActor() actor: Actor,
  ): Promise<LlmConfigView> {
    return this.config.set(scope, input, actor);
  }

  @Get('config')
  getConfig(@RequestScope() scope: TenantScope): Promise<LlmConfigView> {
    return this.config.get(scope);
  }

  /** Internal only (not routed by the gateway): evaluation's LLM judge. */
  @Post('complete')
  @HttpCode(200)
  complete(@RequestScope() scope: TenantScope, @Body() input: LlmCompleteDto): Promise<LlmCompletionView> {
    return this.completions.complete(scope, input);
  }
}
