import { Kafka, logLevel, type Admin } from 'kafkajs';

function createAdmin(brokers: string[], timeoutMs: number, retries: number): Admin {
  return new Kafka({
    clientId: 'rag-infra',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries },
  }).admin();
}

/** True when a Kafka broker answers describeCluster within timeoutMs. Never throws. */
export async function isKafkaReachable(brokers: string[], timeoutMs = 2_000): Promise<boolean> {
  const admin = createAdmin(brokers, timeoutMs, 0);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

/** Creates the topics that do not exist yet and waits until each partition has a leader. */
export async function createTopics(brokers: string[], topics: string[], partitions = 3): Promise<void> {
  const admin = createAdmin(brokers, 10_000, 5);
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}
