import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer, TopicMessages } from 'kafkajs';
import { ensureTopics } from './kafka.factory';
import { KAFKA } from './messaging.options';

/** The app's one Kafka producer; (re)connects on demand so a broker restart heals itself. */
@Injectable()
export class ProducerService implements OnApplicationShutdown {
  private producer?: Producer;
  private connecting?: Promise<Producer>;
  /** Topics known to exist; others are created (with their leaders elected) before the first send. */
  private readonly readyTopics = new Set<string>();

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  private connected(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      // One request in flight keeps per-partition order when a send is retried.
      const producer = this.kafka.producer({
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      producer.on(producer.events.DISCONNECT, () => {
        if (this.producer === producer) this.producer = undefined;
      });
      try {
        await producer.connect();
        this.producer = producer;
        return producer;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  async sendBatch(topicMessages: TopicMessages[]): Promise<void> {
    const newTopics = topicMessages.map((entry) => entry.topic).filter((topic) => !this.readyTopics.has(topic));
    if (newTopics.length > 0) {
      await ensureTopics(this.kafka, [...new Set(newTopics)]);
      newTopics.forEach((topic) => this.readyTopics.add(topic));
    }
    const producer = await this.connected();
    try {
      await producer.sendBatch({ topicMessages, acks: -1 });
    } catch (error) {
      this.producer = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  send(topic: string, messages: Message[]): Promise<void> {
    return this.sendBatch([{ topic, messages }]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
