import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import {
  ContractViolationError,
  EVENT_TOPIC_PATTERN,
  EventEnvelope,
  findEventDefinition,
  parseEnvelope,
  topicForSource,
} from '@rag/contracts';
import { counter, runInRemoteTrace } from '@rag/observability';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { ensureTopics } from '../kafka.factory';
import { consumerGroupLag, totalLag } from '../lag/consumer-lag';
import {
  ConsumerTuning,
  DEFAULT_CONSUMER_TUNING,
  KAFKA,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '../messaging.options';
import { ProducerService } from '../producer.service';
import { sendToDeadLetter } from './dead-letter';
import { isTransientError } from './transient-error';
import { ALL_DOMAIN_EVENTS, DomainEventBatch, KafkaEventContext } from './event-patterns';
import { retryWithBackoff } from './retry';

const consumed = counter('events_consumed_total', 'Events handled by this consumer group', ['topic']);
const deadLettered = counter('events_dead_lettered_total', 'Messages sent to the dead-letter topic', [
  'topic',
  'reason',
]);

interface ParsedMessage {
  message: KafkaMessage;
  envelope: EventEnvelope;
}

/**
 * A Nest transport strategy on kafkajs that owns what Nest's Kafka transport leaves out:
 * batch consumption, bounded retries with backoff, a dead-letter topic for poison messages
 * (the partition keeps moving), re-resolving topic patterns, and offsets committed only after
 * the handler's effect.
 */
@Injectable()
export class KafkaEventsServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(KafkaEventsServer.name);
  private readonly tuning: ConsumerTuning;
  private readonly groupId: string;
  private consumer?: Consumer;
  private subscribed: string[] = [];
  private refreshTimer?: NodeJS.Timeout;
  private restarting?: Promise<void>;
  private closed = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly producer: ProducerService,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    super();
    this.groupId = options.consumerGroup ?? '';
    this.tuning = { ...DEFAULT_CONSUMER_TUNING, ...options.consumer };
  }

  get consumerGroup(): string {
    return this.groupId;
  }

  get topics(): string[] {
    return [...this.subscribed];
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      if (!this.groupId) throw new Error('MessagingModule needs a consumerGroup to consume events');
      this.explicitTopics(); // fails boot on a handler for an unknown event type
      await this.start().catch(
        // Kafka is down at boot: serve HTTP (not ready) and keep trying in the background.
        (error: Error) => void this.restart(`Kafka unavailable at start: ${error.message}`),
      );
      if (this.messageHandlers.has(ALL_DOMAIN_EVENTS)) {
        this.refreshTimer = setInterval(() => void this.refreshTopics(), this.tuning.topicRefreshMs);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.refreshTimer);
    await this.restarting;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('KafkaEventsServer does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Topics named by per-type handlers: the topic of each event type's owning service. */
  private explicitTopics(): string[] {
    const topics = new Set<string>();
    for (const pattern of this.messageHandlers.keys()) {
      if (pattern === ALL_DOMAIN_EVENTS) continue;
      const definition = findEventDefinition(pattern);
      if (!definition) throw new Error(`@EventPattern('${pattern}') names no event type in @rag/contracts`);
      topics.add(topicForSource(definition.source));
    }
    return [...topics];
  }

  private async resolveTopics(): Promise<string[]> {
    const topics = new Set(this.explicitTopics());
    if (this.messageHandlers.has(ALL_DOMAIN_EVENTS)) {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        for (const topic of await admin.listTopics()) if (EVENT_TOPIC_PATTERN.test(topic)) topics.add(topic);
      } finally {
        await admin.disconnect();
      }
    }
    return [...topics].sort();
  }

  private async start(): Promise<void> {
    await ensureTopics(this.kafka, this.explicitTopics());
    const topics = await this.resolveTopics();
    this.subscribed = topics;
    if (topics.length === 0) return;
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      maxWaitTimeInMs: this.tuning.maxWaitTimeInMs,
      maxBytesPerPartition: 4 * 1024 * 1024,
      sessionTimeout: this.tuning.sessionTimeoutMs,
      heartbeatInterval: Math.max(500, Math.floor(this.tuning.sessionTimeoutMs / 10)),
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    // kafkajs gives up on errors it deems not retriable (e.g. after a broker restart): start afresh.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && consumer === this.consumer) void this.restart(`crashed: ${payload.error.message}`);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.tuning.fromBeginning });
      await consumer.run({
        eachBatchAutoResolve: false,
        // Partitions are independent: overlap one's parsing with another's database write.
        partitionsConsumedConcurrently: 3,
        eachBatch: (payload) => this.processBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
    this.log.log(`group ${this.groupId} consuming ${topics.join(', ')}`);
  }

  /** kafkajs resolves patterns only at subscribe: restart the consumer when new topics match. */
  private async refreshTopics(): Promise<void> {
    if (this.closed || this.restarting) return;
    try {
      const topics = await this.resolveTopics();
      if (topics.every((topic) => this.subscribed.includes(topic))) return;
    } catch (error) {
      this.log.warn(`re-resolving topics failed: ${(error as Error).message}`);
      return;
    }
    await this.restart('new topics match');
  }

  /** Replaces the consumer; retried until it works or the server closes. */
  private async restart(reason: string): Promise<void> {
    if (this.closed || this.restarting) return;
    this.log.warn(`restarting consumer group ${this.groupId}: ${reason}`);
    this.restarting = (async () => {
      while (!this.closed) {
        try {
          await this.consumer?.disconnect().catch(() => undefined);
          this.consumer = undefined;
          await this.start();
          return;
        } catch (error) {
          this.log.warn(`consumer restart failed, retrying: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
    })();
    try {
      await this.restarting;
    } finally {
      this.restarting = undefined;
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary } = payload;
    const canGoOn = () => payload.isRunning() && !payload.isStale();
    const parsed: ParsedMessage[] = [];
    for (const message of batch.messages) {
      try {
        parsed.push({ message, envelope: parseEnvelope(JSON.parse(message.value?.toString() ?? '')) });
      } catch (error) {
        const reason =
          error instanceof ContractViolationError
            ? error
            : new ContractViolationError('unreadable message', [(error as Error).message]);
        await this.deadLetter(batch.topic, batch.partition, message, reason, 1, 'contract');
      }
    }
    if (this.messageHandlers.has(ALL_DOMAIN_EVENTS)) {
      await this.handleAsBatch(batch.topic, batch.partition, parsed, canGoOn, heartbeat);
    } else {
      for (const item of parsed) {
        await this.handleOne(batch.topic, batch.partition, item, canGoOn, heartbeat);
        resolveOffset(item.message.offset);
        // A batch of slow handlers must not outlast the session: the group would drop this member.
        await heartbeat();
      }
    }
    if (batch.messages.length > 0) resolveOffset(batch.messages[batch.messages.length - 1].offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  private async handleAsBatch(
    topic: string,
    partition: number,
    items: ParsedMessage[],
    canGoOn: () => boolean,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    if (items.length === 0) return;
    const handler = this.messageHandlers.get(ALL_DOMAIN_EVENTS)!;
    const lastOffset = items[items.length - 1].message.offset;
    const invoke = (batchItems: ParsedMessage[]) => () =>
      this.invoke(
        handler,
        { topic, partition, events: batchItems.map((item) => item.envelope) } satisfies DomainEventBatch,
        topic,
        partition,
        lastOffset,
      );
    const whole = await retryWithBackoff(invoke(items), this.retryPolicy(), canGoOn, heartbeat, isTransientError);
    if (whole.ok) {
      consumed.inc({ topic }, items.length);
      return;
    }
    // Find the poison event(s): retry each alone, dead-letter those that still fail.
    for (const item of items) {
      const single = await retryWithBackoff(invoke([item]), this.retryPolicy(), canGoOn, heartbeat, isTransientError);
      if (single.ok) consumed.inc({ topic });
      else await this.deadLetter(topic, partition, item.message, single.error, single.attempts, 'handler');
    }
  }

  private async handleOne(
    topic: string,
    partition: number,
    item: ParsedMessage,
    canGoOn: () => boolean,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const handler = this.messageHandlers.get(item.envelope.type);
    if (!handler) return;
    const carrier: Record<string, string> = item.envelope.traceparent ? { traceparent: item.envelope.traceparent } : {};
    const result = await retryWithBackoff(
      () =>
        runInRemoteTrace(carrier, `consume ${item.envelope.type}`, () =>
          this.invoke(handler, item.envelope, topic, partition, item.message.offset),
        ),
      this.retryPolicy(),
      canGoOn,
      heartbeat,
      isTransientError,
    );
    if (result.ok) consumed.inc({ topic });
    else await this.deadLetter(topic, partition, item.message, result.error, result.attempts, 'handler');
  }

  private async invoke(
    handler: MessageHandler,
    data: unknown,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<void> {
    const result: unknown = await handler(data, new KafkaEventContext([topic, partition, offset]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /** Consumer lag summed over the partitions of the subscribed topics (readiness). */
  async lag(): Promise<number> {
    if (this.subscribed.length === 0) return 0;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return totalLag(await consumerGroupLag(admin, this.groupId, this.subscribed));
    } finally {
      await admin.disconnect();
    }
  }

  private retryPolicy() {
    return { attempts: this.tuning.maxAttempts, baseMs: this.tuning.retryBaseMs, maxMs: this.tuning.retryMaxMs };
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: Error,
    attempts: number,
    reason: 'contract' | 'handler',
  ): Promise<void> {
    this.log.error(
      `dead-lettering ${topic}[${partition}]@${message.offset} after ${attempts} attempt(s): ${error.message}`,
    );
    await sendToDeadLetter(this.producer, { topic, partition, consumerGroup: this.groupId }, message, error, attempts);
    deadLettered.inc({ topic, reason });
  }
}
