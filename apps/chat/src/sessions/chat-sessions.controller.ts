import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ChatMessageView,
  ChatSessionView,
  CreateChatSessionDto,
  ListChatMessagesQuery,
  ListChatSessionsQuery,
  PostChatMessageDto,
  PostChatMessageQuery,
  PostedChatMessageView,
} from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { Page, RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import type { FastifyReply } from 'fastify';
import { ChatEventsHub } from '../live/chat-events.hub';
import { ChatMessagesService } from '../messages/chat-messages.service';
import { PostTurnService } from '../turns/post-turn.service';
import { ChatSessionsService } from './chat-sessions.service';

/** Internal API; the gateway maps `/v1/chat/sessions` here. */
@Controller('chat/sessions')
export class ChatSessionsController {
  constructor(
    private readonly sessions: ChatSessionsService,
    private readonly messages: ChatMessagesService,
    private readonly turns: PostTurnService,
    private readonly hub: ChatEventsHub,
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

  /** 201 with the stored message and its run; with `?wait=` also the reply or the run's error. */
  @Post(':id/messages')
  async post(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() input: PostChatMessageDto,
    @Query() query: PostChatMessageQuery,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PostedChatMessageView> {
    const posted = await this.turns.post(scope, id, input, actor, query.wait);
    // A wait cut short by shutdown: the kept-alive connection would otherwise hold the server open.
    if (this.hub.closing) void reply.header('connection', 'close');
    return posted;
  }

  @Get(':id/messages')
  listMessages(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Query() query: ListChatMessagesQuery,
  ): Promise<Page<ChatMessageView>> {
    return this.messages.list(scope, id, query);
  }

  @Get(':id/messages/:messageId')
  getMessage(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Param('messageId', UUID_PARAM) messageId: string,
  ): Promise<ChatMessageView> {
    return this.messages.get(scope, id, messageId);
  }
}
