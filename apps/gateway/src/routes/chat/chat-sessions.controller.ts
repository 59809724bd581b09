import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ChatSessionView,
  CreateChatSessionDto,
  ListChatMessagesQuery,
  ListChatSessionsQuery,
  PostChatMessageDto,
  PostChatMessageQuery,
  PostedChatMessageView,
} from '@rag/api';
import { UUID_PARAM } from '@rag/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../../access/access.decorator';
import { ApiErrorView } from '../../docs/api-error.view';
import { ChatMessagePageView, ChatSessionPageView } from '../../docs/page.views';
import { GatewayEnv } from '../../gateway.env';
import { ConsumesQuota } from '../../quota/consumes-quota.decorator';
import { Exchange, Forwarder, HttpExchange } from '../../upstream/forwarder';

const EVENTS_DESCRIPTION = [
  'Server-Sent Events, from the moment of the call: `event: message` (`id:` the message id, `data:` the',
  'message as in the history) for every new message of the session, user and assistant alike;',
  '`event: run.failed` (`data: {"runId", "userMessageId", "error": {"code", "message"}}`) when a run ends',
  'without a reply; a `: keepalive` comment every 15 s. Send `Last-Event-ID` (a message id of the',
  'session, as EventSource does when it reconnects) to get the messages that followed it first.',
].join(' ');

const SSE_EXAMPLE =
  'event: message\nid: 5b7c…\ndata: {"id":"5b7c…","sessionId":"…","role":"assistant","content":"…","references":[…],"createdAt":"…"}\n\n' +
  ': keepalive\n\n';

/** Chat sessions and their messages (chat); another tenant's session ids are not found. */
@ApiTags('chat')
@ApiBadRequestResponse({ type: ApiErrorView, description: 'invalid input' })
@Controller('v1/chat/sessions')
export class ChatSessionsController {
  constructor(
    private readonly forwarder: Forwarder,
    private readonly env: GatewayEnv,
  ) {}

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
  @ApiOperation({
    summary: "Post a user message (stored at once; the assistant's reply follows)",
    description:
      'Answers 201 with the stored message and `runId`, the run that answers it (GET /v1/agent-runs/{id}). ' +
      'With `?wait=<seconds>` (1-60) the answer waits for the reply: `reply` holds it (with its references), ' +
      'or `runError` says why the run failed; both are null when the wait ran out (follow the events or the ' +
      'history then). Without `wait` neither field is present.',
  })
  @ApiCreatedResponse({ type: PostedChatMessageView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  post(
    @Exchange() exchange: HttpExchange,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: PostChatMessageDto,
    @Query() query: PostChatMessageQuery,
  ): Promise<unknown> {
    // The service holds the answer up to `wait` seconds: the deadline grows by as much.
    return this.forwarder.forward('chat', exchange, {
      method: 'POST',
      path: `/chat/sessions/${id}/messages`,
      query,
      body,
      timeoutMs: this.env.UPSTREAM_TIMEOUT_MS + (query.wait ?? 0) * 1000,
    });
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

  @Get(':id/events')
  @Access({ tenant: 'read' })
  @ApiOperation({
    summary: "Follow a session's new messages and failed runs (Server-Sent Events)",
    description: EVENTS_DESCRIPTION,
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'a message id of the session: replay what followed it',
  })
  // The stream's type on its own answer only (@ApiProduces would also claim it for the JSON errors).
  @ApiOkResponse({
    description: 'a stream that stays open',
    content: { 'text/event-stream': { schema: { type: 'string', example: SSE_EXAMPLE } } },
  })
  @ApiNotFoundResponse({ type: ApiErrorView })
  events(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', UUID_PARAM) id: string,
  ): Promise<void> {
    return this.forwarder.stream(
      'chat',
      { request, reply },
      { path: `/chat/sessions/${id}/events`, passHeaders: ['last-event-id'] },
    );
  }
}
