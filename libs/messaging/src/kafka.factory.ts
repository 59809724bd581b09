import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry, RetryOptions } from 'kafkajs';

const logger = new Logger('kafkajs');

function logEntry({ level, log }: LogEntry): void {
  const { message, ...extra } = log;
  const line = `${message} ${JSON.stringify(extra)}`;
  if (level === logLevel.ERROR) logger.error(line);
  else if (level === logLevel.WARN) logger.warn(line);
}

/**
 * kafkajs stays behind this lib: apps never import it. `retry` overrides the patient defaults
 * (about 25 s before giving up), e.g. for a command-line tool that should fail fast.
 */
export function createKafka(brokers: string[], clientId: string, retry: Partial<RetryOptions> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: () => logEntry,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000, ...retry },
  });
}

export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions })) });
    }
  } finally {
    await admin.disconnect();
  }
}
