import { plainToInstance } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, ValidateIf, validateSync } from 'class-validator';
import { EntityManager } from 'typeorm';

/** The PostgreSQL channel that tells every chat replica about a session's new messages and failed runs. */
export const CHAT_EVENTS_CHANNEL = 'chat_session_events';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; this leaves room to spare. */
export const MAX_NOTIFICATION_BYTES = 7900;

const KINDS = ['message', 'run_failed'] as const;

/**
 * What a notification says: ids only for a message (the replicas that have someone listening
 * to the session read it from the table), the error itself for a failed run (nothing is stored).
 */
export type ChatNotification =
  | { kind: 'message'; tenantId: string; sessionId: string; messageId: string }
  | {
      kind: 'run_failed';
      tenantId: string;
      sessionId: string;
      runId: string;
      userMessageId: string;
      code: string;
      message: string;
    };

class ChatNotificationPayload {
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];

  @IsUUID()
  tenantId!: string;

  @IsUUID()
  sessionId!: string;

  @ValidateIf((payload: ChatNotificationPayload) => payload.kind === 'message')
  @IsUUID()
  messageId?: string;

  @ValidateIf((payload: ChatNotificationPayload) => payload.kind === 'run_failed')
  @IsUUID()
  runId?: string;

  @ValidateIf((payload: ChatNotificationPayload) => payload.kind === 'run_failed')
  @IsUUID()
  userMessageId?: string;

  @ValidateIf((payload: ChatNotificationPayload) => payload.kind === 'run_failed')
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  code?: string;

  @ValidateIf((payload: ChatNotificationPayload) => payload.kind === 'run_failed')
  @IsString()
  message?: string;
}

/** JSON under MAX_NOTIFICATION_BYTES: a failure's message is cut (marked with …) to fit. */
export function encodeChatNotification(notification: ChatNotification): string {
  let text = JSON.stringify(notification);
  if (notification.kind !== 'run_failed') return text;
  let message = [...notification.message];
  for (;;) {
    const excess = Buffer.byteLength(text) - MAX_NOTIFICATION_BYTES;
    if (excess <= 0) return text;
    // A character takes at most 6 bytes in the JSON (`\u001f`), so this never cuts too much.
    message = message.slice(0, Math.max(0, message.length - Math.max(1, Math.floor(excess / 6))));
    text = JSON.stringify({ ...notification, message: `${message.join('')}…` });
  }
}

/** The notification in a payload, or null when it is not one of ours. */
export function parseChatNotification(payload: string): ChatNotification | null {
  let plain: unknown;
  try {
    plain = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return null;
  const candidate = plainToInstance(ChatNotificationPayload, plain);
  if (validateSync(candidate, { forbidUnknownValues: true }).length > 0) return null;
  switch (candidate.kind) {
    case 'message':
      return {
        kind: 'message',
        tenantId: candidate.tenantId,
        sessionId: candidate.sessionId,
        messageId: candidate.messageId!,
      };
    case 'run_failed':
      return {
        kind: 'run_failed',
        tenantId: candidate.tenantId,
        sessionId: candidate.sessionId,
        runId: candidate.runId!,
        userMessageId: candidate.userMessageId!,
        code: candidate.code!,
        message: candidate.message!,
      };
  }
}

/** NOTIFY in the caller's transaction: PostgreSQL delivers it at commit, and drops it on rollback. */
export async function notifyChat(manager: EntityManager, notification: ChatNotification): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [CHAT_EVENTS_CHANNEL, encodeChatNotification(notification)]);
}
