import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  AppendReplyDto,
  ChatContextQuery,
  ChatContextView,
  ChatMessageView,
  ChatSessionView,
  RunFailureNoticeDto,
  SetSessionSummaryDto,
} from '@rag/api';
import { Actor } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { RequestActor, RequestScope, UUID_PARAM } from '@rag/http';
import type { FastifyReply } from 'fastify';
import { ChatSessionsService } from '../sessions/chat-sessions.service';
import { ChatContextService } from './chat-context.service';
import { ChatRepliesService } from './chat-replies.service';
import { RunFailuresService } from './run-failures.service';

/** Internal: what the agents app calls while it answers a user message (not on the gateway). */
@Controller('chat/sessions')
export class ChatTurnsController {
  constructor(
    private readonly context: ChatContextService,
    private readonly replies: ChatRepliesService,
    private readonly failures: RunFailuresService,
    private readonly sessions: ChatSessionsService,
  ) {}

  @Get(':id/context')
  getContext(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Query() query: ChatContextQuery,
  ): Promise<ChatContextView> {
    return this.context.get(scope, id, query);
  }

  /** 201 when appended, 200 with the reply already there (a retried or duplicated run). */
  @Put(':id/replies/:userMessageId')
  async appendReply(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Param('userMessageId', UUID_PARAM) userMessageId: string,
    @Body() input: AppendReplyDto,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChatMessageView> {
    const appended = await this.replies.append(scope, id, userMessageId, input, actor);
    void reply.status(appended.created ? HttpStatus.CREATED : HttpStatus.OK);
    return appended.message;
  }

  @Post(':id/run-failures')
  @HttpCode(HttpStatus.ACCEPTED)
  async reportRunFailure(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() notice: RunFailureNoticeDto,
  ): Promise<Record<string, never>> {
    await this.failures.notify(scope, id, notice);
    return {};
  }

  @Put(':id/summary')
  setSummary(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Body() input: SetSessionSummaryDto,
  ): Promise<ChatSessionView> {
    return this.sessions.setSummary(scope, id, input.summary);
  }
}
