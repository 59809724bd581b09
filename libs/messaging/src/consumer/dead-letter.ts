import { DEAD_LETTER_TOPIC } from '@rag/contracts';
import { KafkaMessage } from 'kafkajs';
import { ProducerService } from '../producer.service';

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  consumerGroup: string;
}

/** Every header the dead-letter topic adds starts with this; a replay removes them all. */
export const DEAD_LETTER_HEADER_PREFIX = 'dlq-';

/** The headers a dead letter carries besides the original message's own. */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  error: 'dlq-error',
  errorName: 'dlq-error-name',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/** Moves a message the consumer gave up on to the dead-letter topic, with why and where from. */
export async function sendToDeadLetter(
  producer: ProducerService,
  origin: DeadLetterOrigin,
  message: KafkaMessage,
  error: Error,
  attempts: number,
): Promise<void> {
  await producer.send(DEAD_LETTER_TOPIC, [
    {
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [DEAD_LETTER_HEADERS.originalTopic]: origin.topic,
        [DEAD_LETTER_HEADERS.originalPartition]: String(origin.partition),
        [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
        [DEAD_LETTER_HEADERS.consumerGroup]: origin.consumerGroup,
        [DEAD_LETTER_HEADERS.error]: error.message.slice(0, 2000),
        [DEAD_LETTER_HEADERS.errorName]: error.name,
        [DEAD_LETTER_HEADERS.attempts]: String(attempts),
        [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
      },
    },
  ]);
}
