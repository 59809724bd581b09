import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChatMessageView, PostChatMessageDto, PostedChatMessageView } from '@rag/api';
import { Actor, ragAnswerRunId, replyMessageId } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { requireTenant } from '@rag/http';
import { DataSource } from 'typeorm';
import { ChatEventsHub } from '../live/chat-events.hub';
import { toChatMessageView } from '../messages/chat-message.entity';
import { findSessionMessage } from '../messages/chat-message.queries';
import { ChatMessagesService } from '../messages/chat-messages.service';
import { TurnWaiter } from './turn-waiter';

/**
 * A user's turn: the message is stored (which starts the run through `chat.message.created`)
 * and, with `wait`, the answer holds until the reply or the run's failure arrives, from
 * whichever replica, or the wait runs out.
 */
@Injectable()
export class PostTurnService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: ChatMessagesService,
    private readonly hub: ChatEventsHub,
  ) {}

  async post(
    scope: TenantScope,
    sessionId: string,
    input: PostChatMessageDto,
    actor: Actor,
    waitSeconds = 0,
  ): Promise<PostedChatMessageView> {
    const tenantId = requireTenant(scope, 'posting a chat message');
    const id = randomUUID();
    if (waitSeconds === 0) {
      const message = await this.messages.postUserMessage(scope, sessionId, input, actor, id);
      return { ...message, runId: ragAnswerRunId(message.id) };
    }
    const findReply = () => this.findReply(scope, sessionId, id);
    const waiter = new TurnWaiter(id, findReply);
    // Following the session before the message commits, so that no reply can slip past.
    const unsubscribe = this.hub.subscribe(tenantId, sessionId, waiter);
    try {
      const message = await this.messages.postUserMessage(scope, sessionId, input, actor, id);
      const stored = await findReply();
      const outcome = stored
        ? { reply: stored, runError: null }
        : ((await waiter.wait(waitSeconds * 1000)) ?? {
            // Out of time: one last look covers a notification this replica missed.
            reply: await findReply().catch(() => null),
            runError: null,
          });
      return { ...message, runId: ragAnswerRunId(message.id), reply: outcome.reply, runError: outcome.runError };
    } finally {
      unsubscribe();
    }
  }

  private async findReply(
    scope: TenantScope,
    sessionId: string,
    userMessageId: string,
  ): Promise<ChatMessageView | null> {
    const reply = await findSessionMessage(this.dataSource.manager, scope, sessionId, replyMessageId(userMessageId));
    return reply && toChatMessageView(reply);
  }
}
