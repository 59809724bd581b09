import { OutgoingHttpHeaders } from 'node:http';
import { Controller, Get, Headers, HttpStatus, Param, Res } from '@nestjs/common';
import { ChatMessageView } from '@rag/api';
import { TenantScope } from '@rag/database';
import { ApiError, RequestScope, requireTenant, UUID_PARAM } from '@rag/http';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ChatEnv } from '../chat.env';
import { toChatMessageView } from '../messages/chat-message.entity';
import { findSessionMessage, messagesAfter, newestMessage } from '../messages/chat-message.queries';
import { ChatSessionsService } from '../sessions/chat-sessions.service';
import { ChatEventsHub } from './chat-events.hub';
import { ChatEventStream } from './chat-event-stream';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /chat/sessions/:id/events`: the session's new messages and failed runs, as Server-Sent Events. */
@Controller('chat/sessions')
export class ChatEventsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ChatSessionsService,
    private readonly hub: ChatEventsHub,
    private readonly env: ChatEnv,
  ) {}

  /** Errors (unknown session, bad Last-Event-ID) answer JSON; the stream starts only after the checks. */
  @Get(':id/events')
  async stream(
    @RequestScope() scope: TenantScope,
    @Param('id', UUID_PARAM) id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const tenantId = requireTenant(scope, 'following a chat session');
    const manager = this.dataSource.manager;
    const session = await this.sessions.find(manager, scope, id);
    const lastSeen = lastEventId === undefined ? null : await this.lastSeen(scope, session.id, lastEventId);

    openEventStream(reply);
    const stream = new ChatEventStream(
      reply.raw,
      {
        after: async (anchorId, limit) =>
          (await messagesAfter(manager, scope, session.id, anchorId, limit)).map(toChatMessageView),
        newest: async () => {
          const newest = await newestMessage(manager, scope, session.id);
          return newest && toChatMessageView(newest);
        },
      },
      this.env.CHAT_SSE_KEEPALIVE_MS,
    );
    // Subscribed before the replay reads the table, so nothing falls between the two.
    stream.onEnd(this.hub.subscribe(tenantId, session.id, stream));
    stream.begin(lastSeen);
  }

  private async lastSeen(scope: TenantScope, sessionId: string, lastEventId: string): Promise<ChatMessageView> {
    if (!UUID.test(lastEventId)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_last_event_id', 'Last-Event-ID must be a message id');
    }
    const message = await findSessionMessage(this.dataSource.manager, scope, sessionId, lastEventId);
    if (!message) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'unknown_last_event_id',
        'Last-Event-ID names no message of this session',
      );
    }
    return toChatMessageView(message);
  }
}

/** Takes the answer over from Fastify (keeping the headers set so far) and sends the SSE head at once. */
function openEventStream(reply: FastifyReply): void {
  reply.hijack();
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
  reply.raw.writeHead(HttpStatus.OK, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    // The connection ends with the stream: nothing to reuse, and nothing left to hold a shutdown.
    connection: 'close',
  });
  reply.raw.flushHeaders();
}
