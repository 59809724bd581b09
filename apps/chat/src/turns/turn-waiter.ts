import { ChatMessageView, RunErrorView } from '@rag/api';
import { replyMessageId } from '@rag/contracts';
import { ChatSessionSubscriber, RunFailure } from '../live/chat-events.hub';

export interface TurnOutcome {
  reply: ChatMessageView | null;
  runError: RunErrorView | null;
}

/** Follows a session for the reply to one user message, or the notice that its run failed. */
export class TurnWaiter implements ChatSessionSubscriber {
  private readonly replyId: string;
  private finish!: (outcome: TurnOutcome | null) => void;
  private readonly outcome = new Promise<TurnOutcome | null>((resolve) => (this.finish = resolve));

  constructor(
    private readonly userMessageId: string,
    /** Reads the reply from the table (after missed notifications). */
    private readonly findReply: () => Promise<ChatMessageView | null>,
  ) {
    this.replyId = replyMessageId(userMessageId);
  }

  /** The outcome, or null when `timeoutMs` passed (or the process is closing) first. */
  async wait(timeoutMs: number): Promise<TurnOutcome | null> {
    const timer = setTimeout(() => this.finish(null), timeoutMs);
    try {
      return await this.outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  wantsMessage(messageId: string): boolean {
    return messageId === this.replyId;
  }

  onMessage(message: ChatMessageView): void {
    if (message.id === this.replyId) this.finish({ reply: message, runError: null });
  }

  onRunFailed(failure: RunFailure): void {
    if (failure.userMessageId === this.userMessageId) this.finish({ reply: null, runError: failure.error });
  }

  onResync(): void {
    this.findReply().then(
      (reply) => reply && this.finish({ reply, runError: null }),
      () => undefined,
    );
  }

  onClose(): void {
    this.finish(null);
  }
}
