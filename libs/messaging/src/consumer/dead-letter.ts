import { DEAD_LETTER_TOPIC } from '@rag/contracts';
import { KafkaMessage } from 'kafkajs';
import { ProducerService } from '../producer.service';

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  consumerGroup: string;
}

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
        'dlq-original-topic': origin.topic,
        'dlq-original-partition': String(origin.partition),
        'dlq-original-offset': message.offset,
        'dlq-consumer-group': origin.consumerGroup,
        'dlq-error': error.message.slice(0, 2000),
        'dlq-error-name': error.name,
        'dlq-attempts': String(attempts),
        'dlq-failed-at': new Date().toISOString(),
      },
    },
  ]);
}
