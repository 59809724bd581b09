import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ChatMessageView,
  ChatSessionView,
  CreateChatSessionDto,
  ListChatMessagesQuery,
  ListChatSessionsQuery,
  PostChatMessageDto,
} from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { ChatMessagePageView, ChatSessionPageView } from '../../docs/page.views';
import { ConsumesQuota } from '../../quota/consumes-quota.decorator';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

/** Chat sessions and their messages (chat); another tenant's session ids are not found. */
@ApiTags('chat')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/chat/sessions')
export class ChatSessionsController {
  constructor(private readonly forwarder: Forwarder) {}

  @Post()
  @Access({ tenant: 'write' })
  @ApiOperation({ summary: 'Open a chat session (optional system prompt); the acting user owns it' })
  @ApiCreatedResponse({ type: ChatSessionView })
  create(@Exchange() exchange: HttpExchange, @Body() body: CreateChatSessionDto): Promise<unknown> {
    return this.forwarder.forward('chat', exchange, { method: 'POST', path: '/chat/sessions', body });
  }

  @Get()
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'List chat sessions, newest first' })
  @ApiOkResponse({ type: ChatSessionPageView })
  list(@Exchange() exchange: HttpExchange, @Query() query: ListChatSessionsQuery): Promise<unknown> {
    return this.forwarder.forward('chat', exchange, { method: 'GET', path: '/chat/sessions', query });
  }

  @Get(':id')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: 'Read a chat session' })
  @ApiOkResponse({ type: ChatSessionView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Exchange() exchange: HttpExchange, @Param('id', UUID_PARAM) id: string): Promise<unknown> {
    return this.forwarder.forward('chat', exchange, { method: 'GET', path: `/chat/sessions/${id}` });
  }

  @Post(':id/messages')
  @Access({ tenant: 'write' })
  @ConsumesQuota('tokens')
  @ApiOperation({ summary: "Post a user message (stored at once; the assistant's reply follows)" })
  @ApiCreatedResponse({ type: ChatMessageView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  post(
    @Exchange() exchange: HttpExchange,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: PostChatMessageDto,
  ): Promise<unknown> {
    return this.forwarder.forward('chat', exchange, { method: 'POST', path: `/chat/sessions/${id}/messages`, body });
  }

  @Get(':id/messages')
  @Access({ tenant: 'read' })
  @ApiOperation({ summary: "A session's messages, oldest first" })
  @ApiOkResponse({ type: ChatMessagePageView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  messages(
    @Exchange() exchange: HttpExchange,
    @Param('id', UUID_PARAM) id: string,
    @Query() query: ListChatMessagesQuery,
  ): Promise<unknown> {
    return this.forwarder.forward('chat', exchange, { method: 'GET', path: `/chat/sessions/${id}/messages`, query });
  }
}
