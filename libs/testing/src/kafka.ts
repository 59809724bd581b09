import { randomUUID } from 'node:crypto';
import { startKafkaBroker, stopKafkaBroker } from '@rag/infra';
import { Kafka, KafkaMessage, logLevel, Message, Partitioners } from 'kafkajs';
import { TEST_KAFKA_PORT, testBrokers, testKafkaDataDir } from './test-env';

export function testKafka(): Kafka {
  return new Kafka({ clientId: 'tests', brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

/** Produces raw messages, bypassing the outbox: for duplicates and malformed input. */
export async function produceRaw(topic: string, messages: Message[]): Promise<void> {
  const producer = testKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/** Reads `topic` from the beginning until `done` holds for what was read, or the timeout. */
export async function readTopic(
  topic: string,
  done: (messages: KafkaMessage[]) => boolean,
  timeoutMs = 20_000,
): Promise<KafkaMessage[]> {
  const consumer = testKafka().consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out reading ${topic}: ${messages.length} message(s)`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          if (done(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Stops the test run's broker (its data survives) and starts it again with `restart`. */
export const testBroker = {
  stop: (): Promise<boolean> => stopKafkaBroker(testKafkaDataDir),
  start: () => startKafkaBroker({ port: TEST_KAFKA_PORT, dataDir: testKafkaDataDir, heapMb: 512 }),
};
