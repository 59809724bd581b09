import { ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { ChatMessageView } from '@rag/api';
import { gauge } from '@rag/observability';
import { ChatSessionSubscriber, RunFailure } from './chat-events.hub';

/** A client that lets this much pile up unread is dropped; it reconnects with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Ids of messages already sent, so that a replay and a live notification never send one twice. */
const REMEMBERED_IDS = 10_000;
const REPLAY_PAGE = 200;

const openStreams = gauge('chat_event_streams_open', 'Server-Sent Event streams open on this replica');

export interface ReplaySource {
  /** Up to `limit` messages of the session after `anchorId` (from the first when null), oldest first. */
  after(anchorId: string | null, limit: number): Promise<ChatMessageView[]>;
  newest(): Promise<ChatMessageView | null>;
}

type Position = Pick<ChatMessageView, 'id' | 'createdAt'>;

function isLater(candidate: Position, than: Position | null): boolean {
  if (!than) return true;
  return candidate.createdAt === than.createdAt ? candidate.id > than.id : candidate.createdAt > than.createdAt;
}

/**
 * One `text/event-stream` answer: `message` events (id = message id, data = the message) and
 * `run.failed` events, a keep-alive comment while idle. Everything it writes goes through one
 * queue, so replays and live events keep their order.
 */
export class ChatEventStream implements ChatSessionSubscriber {
  private readonly logger = new Logger(ChatEventStream.name);
  private readonly sent = new Set<string>();
  /** The latest message written: where a replay after missed notifications starts. */
  private position: Position | null = null;
  private queue = Promise.resolve();
  private ended = false;
  private readonly keepalive: NodeJS.Timeout;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly raw: ServerResponse,
    private readonly source: ReplaySource,
    keepaliveMs: number,
  ) {
    openStreams.inc();
    this.keepalive = setInterval(() => this.write(': keepalive\n\n'), keepaliveMs);
    raw.once('close', () => this.end());
  }

  /** Called when the stream ends, whoever ends it. */
  onEnd(cleanup: () => void): void {
    if (this.ended) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** Replays what followed `lastSeen` (the client's Last-Event-ID), or notes where the session stands. */
  begin(lastSeen: ChatMessageView | null): void {
    this.enqueue(async () => {
      if (lastSeen) {
        this.position = lastSeen;
        await this.replay();
        return;
      }
      const newest = await this.source.newest();
      if (newest && isLater(newest, this.position)) this.position = newest;
    });
  }

  wantsMessage(): boolean {
    return true;
  }

  onMessage(message: ChatMessageView): void {
    this.enqueue(async () => this.writeMessage(message));
  }

  onRunFailed(failure: RunFailure): void {
    this.enqueue(async () => this.write(`event: run.failed\ndata: ${JSON.stringify(failure)}\n\n`));
  }

  onResync(): void {
    this.enqueue(() => this.replay());
  }

  onClose(): void {
    this.end();
  }

  private async replay(): Promise<void> {
    for (;;) {
      const page = await this.source.after(this.position?.id ?? null, REPLAY_PAGE);
      for (const message of page) this.writeMessage(message);
      if (page.length < REPLAY_PAGE || this.ended) return;
    }
  }

  private writeMessage(message: ChatMessageView): void {
    if (isLater(message, this.position)) this.position = { id: message.id, createdAt: message.createdAt };
    if (this.sent.has(message.id)) return;
    this.sent.add(message.id);
    if (this.sent.size > REMEMBERED_IDS) this.sent.delete(this.sent.values().next().value as string);
    this.write(`event: message\nid: ${message.id}\ndata: ${JSON.stringify(message)}\n\n`);
  }

  private write(text: string): void {
    if (this.ended || this.raw.destroyed) return;
    this.raw.write(text);
    if (this.raw.writableLength > MAX_BUFFERED_BYTES) {
      this.logger.warn('dropping an event stream whose client does not keep up');
      this.end();
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.ended ? undefined : task()))
      .catch((error: unknown) => {
        this.logger.error(`chat event stream failed: ${(error as Error).message}`);
        this.end();
      });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    openStreams.dec();
    clearInterval(this.keepalive);
    if (!this.raw.writableEnded) this.raw.end();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
