import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
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
import { ApiError, RequestActor, RequestScope, requireTenant } from '@rag/http';
import { AllProvidersFailedError } from '@rag/llm';
import { AgentsEnv } from './agents.env';
import { TenantModels } from './llm-config/tenant-models';
import { LlmConfigService } from './llm-config/llm-config.service';
import { LlmProvidersService } from './providers/llm-providers.service';

/** Internal API; the gateway maps `/v1/llm/...` here. */
@Controller('llm')
export class LlmController {
  constructor(
    private readonly providers: LlmProvidersService,
    private readonly config: LlmConfigService,
    private readonly models: TenantModels,
    private readonly env: AgentsEnv,
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
  async complete(@RequestScope() scope: TenantScope, @Body() input: LlmCompleteDto): Promise<LlmCompletionView> {
    const tenantId = requireTenant(scope, 'an LLM completion');
    const { completion } = await this.models.chain
      .complete(await this.models.stepsFor(tenantId), input.messages, { timeoutMs: this.env.LLM_TIMEOUT_MS })
      .catch((error: unknown) => {
        if (!(error instanceof AllProvidersFailedError)) throw error;
        throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'llm_unavailable', error.message);
      });
    return {
      text: completion.text,
      provider: completion.provider,
      model: completion.model,
      inputTokens: completion.usage.inputTokens,
      outputTokens: completion.usage.outputTokens,
    };
  }
}
