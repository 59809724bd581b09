import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { LlmConfigView, LlmProviderView, RegisterLlmProviderDto, SetLlmConfigDto } from '@rag/api';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** LLM providers (registered by system admins) and each tenant's priority order among them (agents). */
@ApiTags('llm')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/llm')
export class LlmController {
  constructor(private readonly forwarder: Forwarder) {}

  @Post('providers')
  @Access({ system: true })
  @ApiOperation({ summary: 'Register an LLM provider (type, base URL, name of the variable holding its key)' })
  @ApiCreatedResponse({ type: LlmProviderView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the name is taken' })
  register(@Exchange() exchange: HttpExchange, @Body() body: RegisterLlmProviderDto): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'POST', path: '/llm/providers', body });
  }

  @Get('providers')
  @Access({ tenant: 'read', system: true })
  @ApiOperation({ summary: 'List the LLM providers tenants can choose from' })
  @ApiOkResponse({ type: [LlmProviderView] })
  list(@Exchange() exchange: HttpExchange): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'GET', path: '/llm/providers' });
  }

  @Put('config')
  @Access({ tenant: 'admin' })
  @ApiOperation({ summary: "Set the tenant's providers and models, first = highest priority (replaces the list)" })
  @ApiOkResponse({ type: LlmConfigView })
  setConfig(@Exchange() exchange: HttpExchange, @Body() body: SetLlmConfigDto): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'PUT', path: '/llm/config', body });
  }

  @Get('config')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: "The tenant's providers in priority order" })
  @ApiOkResponse({ type: LlmConfigView })
  getConfig(@Exchange() exchange: HttpExchange): Promise<unknown> {
    return this.forwarder.forward('agents', exchange, { method: 'GET', path: '/llm/config' });
  }
}
