import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ChatMessageView,
  ChatSessionView,
  CreateChatSessionDto,
  ListChatMessagesQuery,
  ListChatSessionsQuery,
  PostChatMessageDto,
} from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import { ChatMessagesService } from '../messages/chat-messages.service';
import { ChatSessionsService } from './chat-sessions.service';

/** Internal API; the gateway maps `/v1/chat/sessions` here. */
@Controller('chat/sessions')
export class ChatSessionsController {
  constructor(
    private readonly sessions: ChatSessionsService,
    private readonly messages: ChatMessagesService,
  ) {}

  @Post()
  create(
    @RequestScope() scope: TenantScope,
    @Body() input: CreateChatSessionDto,
    @RequestActor() actor: Actor,
  ): Promise<ChatSessionView> {
    return this.sessions.create(scope, input, actor);
  }

  @Get()
  list(@RequestScope() scope: TenantScope, @Query() query: ListChatSessionsQuery): Promise<Page<ChatSessionView>> {
    return this.sessions.list(scope, query);
  }

  @Get(':id')
  get(@RequestScope() scope: TenantScope, @Param('id', UUID_PARAM) id: string): Promise<ChatSessionView> {
    return this.sessions.get(scope, id);
  }

  @Post(':id/messages')
  post(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() input: PostChatMessageDto,
    @RequestActor() actor: Actor,
  ): Promise<ChatMessageView> {
    return this.messages.postUserMessage(scope, id, input, actor);
  }

  @Get(':id/messages')
  listMessages(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Query() query: ListChatMessagesQuery,
  ): Promise<Page<ChatMessageView>> {
    return this.messages.list(scope, id, query);
  }
}
