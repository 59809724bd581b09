import { randomUUID } from 'node:crypto';
import {
  ChatNotification,
  encodeChatNotification,
  MAX_NOTIFICATION_BYTES,
  parseChatNotification,
} from './chat-notification';

const ids = { tenantId: randomUUID(), sessionId: randomUUID() };

function failure(message: string): ChatNotification {
  return { kind: 'run_failed', ...ids, runId: randomUUID(), userMessageId: randomUUID(), code: 'llm_failed', message };
}

describe('chat notifications', () => {
  it('round-trips a message notification and a run failure', () => {
    const message: ChatNotification = { kind: 'message', ...ids, messageId: randomUUID() };
    expect(parseChatNotification(encodeChatNotification(message))).toEqual(message);
    const failed = failure('every provider failed');
    expect(parseChatNotification(encodeChatNotification(failed))).toEqual(failed);
  });

  it.each([
    ['ASCII', 'x'.repeat(9000)],
    ['four-byte characters', '😀'.repeat(2000)],
    ['escaped control characters', '\u0001'.repeat(2000)],
  ])('cuts a long failure message (%s) to fit a NOTIFY payload', (_kind, long) => {
    const encoded = encodeChatNotification(failure(long));
    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(MAX_NOTIFICATION_BYTES);
    const parsed = parseChatNotification(encoded);
    expect(parsed?.kind).toBe('run_failed');
    const message = parsed?.kind === 'run_failed' ? parsed.message : '';
    expect(message.endsWith('…')).toBe(true);
    expect(long.startsWith(message.slice(0, -1))).toBe(true);
    // Cut to fit, not much more.
    expect(Buffer.byteLength(encoded)).toBeGreaterThan(MAX_NOTIFICATION_BYTES - 12);
  });

  it.each([
    'not json',
    '[]',
    'null',
    JSON.stringify({ kind: 'message', ...ids }),
    JSON.stringify({ kind: 'other', ...ids, messageId: randomUUID() }),
    JSON.stringify({ kind: 'message', tenantId: 'x', sessionId: ids.sessionId, messageId: randomUUID() }),
    JSON.stringify({ ...failure('m'), code: 'Not A Code' }),
  ])('ignores a payload that is not a chat notification: %s', (payload) => {
    expect(parseChatNotification(payload)).toBeNull();
  });
});
