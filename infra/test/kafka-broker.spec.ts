import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import {
  createTopics,
  isKafkaReachable,
  type KafkaBroker,
  startKafkaBroker,
  stopKafkaBroker,
} from '../src/kafka/kafka-broker';

jest.setTimeout(120_000);

const port = 19192;
const controllerPort = 19193;
const topic = 'infra-spec-events';

async function produce(brokers: string[], value: string): Promise<void> {
  const producer = new Kafka({ brokers, logLevel: logLevel.ERROR }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  await producer.send({ topic, messages: [{ key: 'k', value }] });
  await producer.disconnect();
}

async function readFirstMessage(brokers: string[]): Promise<string> {
  // Silent: the first group join logs retried "group coordinator not available" errors while
  // the broker creates __consumer_offsets.
  const consumer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `spec-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const value = await new Promise<string>((resolve) => {
    void consumer.run({
      eachMessage: ({ message }) => {
        resolve(message.value?.toString() ?? '');
        return Promise.resolve();
      },
    });
  });
  await consumer.disconnect();
  return value;
}

const clusterIdOf = async (dataDir: string): Promise<string | undefined> =>
  /cluster\.id=(\S+)/.exec(await readFile(join(dataDir, 'logs', 'meta.properties'), 'utf8'))?.[1];

describe('startKafkaBroker', () => {
  let dataDir: string;
  let broker: KafkaBroker | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kafka-broker-spec-'));
  });

  afterAll(async () => {
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs a real broker whose data survives a stop and a restart', async () => {
    broker = await startKafkaBroker({ port, controllerPort, dataDir, heapMb: 384 });
    expect(broker).toMatchObject({ brokers: [`127.0.0.1:${port}`], owned: true, dataDir });
    expect(existsSync(join(dataDir, 'kafka.pid'))).toBe(true);
    const clusterId = await clusterIdOf(dataDir);

    const reused = await startKafkaBroker({ port, controllerPort, dataDir });
    expect(reused.owned).toBe(false);
    await reused.stop();

    await createTopics(broker.brokers, [topic], 1);
    await createTopics(broker.brokers, [topic], 1);
    const value = `hello-${randomUUID()}`;
    await produce(broker.brokers, value);
    expect(await readFirstMessage(broker.brokers)).toBe(value);

    await broker.stop();
    expect(await isKafkaReachable(broker.brokers, 1_000)).toBe(false);
    expect(existsSync(join(dataDir, 'kafka.pid'))).toBe(false);

    broker = await startKafkaBroker({ port, controllerPort, dataDir, heapMb: 384 });
    expect(broker.owned).toBe(true);
    expect(await clusterIdOf(dataDir)).toBe(clusterId);
    expect(await readFirstMessage(broker.brokers)).toBe(value);

    // The CLI's `down` path: stop through the pid file, from "another process".
    await expect(stopKafkaBroker(dataDir)).resolves.toBe(true);
    expect(await isKafkaReachable(broker.brokers, 1_000)).toBe(false);
    await expect(stopKafkaBroker(dataDir)).resolves.toBe(false);
  });
});
