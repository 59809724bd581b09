import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ChatMessageView } from '@rag/api';
import { PgChannelListener, tenantScope } from '@rag/database';
import { DataSource } from 'typeorm';
import { toChatMessageView } from '../messages/chat-message.entity';
import { findSessionMessage } from '../messages/chat-message.queries';
import { CHAT_EVENTS_CHANNEL, ChatNotification, parseChatNotification } from './chat-notification';

const READY_TIMEOUT_MS = 10_000;

export interface RunFailure {
  runId: string;
  userMessageId: string;
  error: { code: string; message: string };
}

/** Someone in this process following a session (an SSE stream, a POST waiting for its reply). */
export interface ChatSessionSubscriber {
  /** Whether to read this new message from the table for it. */
  wantsMessage(messageId: string): boolean;
  onMessage(message: ChatMessageView): void;
  onRunFailed(failure: RunFailure): void;
  /** Notifications may have been missed (the LISTEN connection was down): catch up from the table. */
  onResync(): void;
  /** The process is shutting down: finish now. */
  onClose(): void;
}

interface SessionEntry {
  subscribers: Set<ChatSessionSubscriber>;
  /** Notifications of a session are handled one after the other, so subscribers see commit order. */
  queue: Promise<void>;
}

/**
 * One LISTEN connection per replica on `chat_session_events`: every chat write notifies it at
 * commit, so a reply appended through any replica reaches the streams and waiters of all of
 * them. Only sessions someone here follows cost a read; the rest are ignored.
 */
@Injectable()
export class ChatEventsHub implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ChatEventsHub.name);
  private readonly sessions = new Map<string, SessionEntry>();
  private listener?: PgChannelListener;
  private closed = false;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = PgChannelListener.forDataSource(this.dataSource, {
      channel: CHAT_EVENTS_CHANNEL,
      onNotification: (payload) => this.receive(payload),
      onReconnect: () => this.resyncAll(),
    }).start();
    // Serve only once notifications flow (a waiter subscribed before would wait in vain).
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), READY_TIMEOUT_MS)));
    if (await Promise.race([this.listener.ready().then(() => false), late])) {
      this.logger.warn(`LISTEN ${CHAT_EVENTS_CHANNEL} is not in place yet; streams catch up once it is`);
    }
    clearTimeout(timer);
  }

  /** Before the HTTP server closes: open streams and waits end, or the server would wait for them. */
  beforeApplicationShutdown(): void {
    this.closed = true;
    for (const entry of this.sessions.values()) for (const subscriber of entry.subscribers) subscriber.onClose();
    this.sessions.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }

  /** True once the process began shutting down. */
  get closing(): boolean {
    return this.closed;
  }

  /** Follows a session until the returned function is called. */
  subscribe(tenantId: string, sessionId: string, subscriber: ChatSessionSubscriber): () => void {
    if (this.closed) {
      subscriber.onClose();
      return () => undefined;
    }
    const key = sessionKey(tenantId, sessionId);
    let entry = this.sessions.get(key);
    if (!entry) {
      entry = { subscribers: new Set(), queue: Promise.resolve() };
      this.sessions.set(key, entry);
    }
    entry.subscribers.add(subscriber);
    const joined = entry;
    return () => {
      joined.subscribers.delete(subscriber);
      if (joined.subscribers.size === 0 && this.sessions.get(key) === joined) this.sessions.delete(key);
    };
  }

  private receive(payload: string): void {
    const notification = parseChatNotification(payload);
    if (!notification) {
      this.logger.warn(`ignored a payload on ${CHAT_EVENTS_CHANNEL} that is not a chat notification`);
      return;
    }
    const entry = this.sessions.get(sessionKey(notification.tenantId, notification.sessionId));
    if (!entry) return;
    entry.queue = entry.queue
      .then(() => this.deliver(entry, notification))
      .catch((error: unknown) =>
        this.logger.error(`delivering a chat notification failed: ${(error as Error).message}`),
      );
  }

  private async deliver(entry: SessionEntry, notification: ChatNotification): Promise<void> {
    switch (notification.kind) {
      case 'message': {
        const wanting = [...entry.subscribers].filter((subscriber) => subscriber.wantsMessage(notification.messageId));
        if (wanting.length === 0) return;
        const message = await findSessionMessage(
          this.dataSource.manager,
          tenantScope(notification.tenantId),
          notification.sessionId,
          notification.messageId,
        );
        if (!message) return;
        const view = toChatMessageView(message);
        for (const subscriber of wanting) if (entry.subscribers.has(subscriber)) subscriber.onMessage(view);
        return;
      }
      case 'run_failed': {
        const failure: RunFailure = {
          runId: notification.runId,
          userMessageId: notification.userMessageId,
          error: { code: notification.code, message: notification.message },
        };
        for (const subscriber of [...entry.subscribers]) subscriber.onRunFailed(failure);
        return;
      }
    }
  }

  private resyncAll(): void {
    this.logger.warn(`LISTEN ${CHAT_EVENTS_CHANNEL} is back after a lost connection; subscribers catch up`);
    for (const entry of this.sessions.values()) for (const subscriber of [...entry.subscribers]) subscriber.onResync();
  }
}

function sessionKey(tenantId: string, sessionId: string): string {
  return `${tenantId.toLowerCase()}:${sessionId.toLowerCase()}`;
}
