import { DeadLetter } from '@rag/messaging';

/** How an operator names a dead letter: its partition and offset on the dead-letter topic. */
export function dlqPosition(letter: DeadLetter): string {
  return `${letter.partition}:${letter.offset}`;
}

/** A dead letter as JSON: no raw buffers, the value as text (events hold ids and metadata only). */
export function deadLetterView(letter: DeadLetter) {
  const { key, origin, error, errorName, attempts, failedAt, event } = letter;
  return {
    dlq: dlqPosition(letter),
    key,
    value: letter.raw.value?.toString() ?? null,
    origin,
    error,
    errorName,
    attempts,
    failedAt,
    event,
  };
}
