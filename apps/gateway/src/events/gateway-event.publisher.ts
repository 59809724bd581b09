import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, TOPICS } from '@rag/contracts';
import { ProducerService } from '@rag/messaging';
import { counter, gauge } from '@rag/observability';
import { GatewayEnv } from '../gateway.env';

type KafkaMessages = Parameters<ProducerService['send']>[1];

/** What the publisher needs of the producer (ProducerService in the app, a fake in unit specs). */
export interface EventSink {
  send(topic: string, messages: KafkaMessages): Promise<void>;
}

const BATCH_SIZE = 500;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 10_000;
const SHUTDOWN_FLUSH_MS = 3_000;

const buffered = gauge('gateway_event_buffer_size', 'Gateway events waiting to be sent to Kafka');
const published = counter('gateway_events_published_total', 'Gateway events sent to Kafka', ['type']);
const dropped = counter('gateway_events_dropped_total', 'Gateway events dropped because the buffer was full', ['type']);

/**
 * Sends the gateway's own events (auth.failed, usage.recorded) straight to `gateway.events`.
 * The gateway has no database, hence no outbox: events wait in a bounded in-memory buffer and
 * are retried with backoff while Kafka is unreachable. When the buffer is full the oldest event
 * is dropped (and counted); events still buffered when the process dies are lost. That is the
 * trade-off of a stateless edge: these events are evidence and metering, not domain state.
 */
@Injectable()
export class GatewayEventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(GatewayEventPublisher.name);
  private readonly queue: EventEnvelope<object>[] = [];
  private readonly capacity: number;
  private sending?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private failuresInRow = 0;
  private inFlight = 0;
  private stopped = false;

  constructor(
    @Inject(ProducerService) private readonly sink: EventSink,
    env: GatewayEnv,
  ) {
    this.capacity = env.GATEWAY_EVENT_BUFFER_SIZE;
  }

  /** Events waiting, including a batch being sent. */
  get backlog(): number {
    return this.queue.length + this.inFlight;
  }

  /** True after a failed send, until a send succeeds again. */
  get failing(): boolean {
    return this.failuresInRow > 0;
  }

  publish(envelope: EventEnvelope<object>): void {
    this.queue.push(envelope);
    this.trim();
    buffered.set(this.backlog);
    this.kick();
  }

  /** Sends what is buffered now; resolves when the buffer is empty or a send failed. */
  async flush(): Promise<void> {
    this.kick();
    while (this.sending) await this.sending;
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.failuresInRow = 0;
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_MS).unref());
    await Promise.race([this.flush(), deadline]);
    this.stopped = true;
    if (this.backlog > 0) this.logger.warn(`${this.backlog} gateway event(s) not sent before shutdown`);
  }

  /** Drops the oldest events over capacity (a batch in flight is judged when it comes back). */
  private trim(): void {
    while (this.queue.length > this.capacity) {
      const lost = this.queue.shift()!;
      dropped.inc({ type: lost.type });
    }
  }

  private kick(): void {
    if (this.sending || this.retryTimer || this.stopped || this.queue.length === 0) return;
    this.sending = this.drain().finally(() => {
      this.sending = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.splice(0, BATCH_SIZE);
      this.inFlight = batch.length;
      try {
        await this.sink.send(TOPICS.gateway, batch.map(toMessage));
        batch.forEach((event) => published.inc({ type: event.type }));
        this.failuresInRow = 0;
      } catch (error) {
        this.queue.unshift(...batch);
        this.failuresInRow += 1;
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.failuresInRow - 1));
        this.logger.warn(
          `sending ${batch.length} gateway event(s) failed (${(error as Error).message}); ${this.queue.length} buffered, retry in ${delay} ms`,
        );
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick();
        }, delay);
        this.retryTimer.unref();
        return;
      } finally {
        this.inFlight = 0;
        this.trim();
        buffered.set(this.backlog);
      }
    }
  }
}

/** Keyed by tenant like every domain event, so one tenant's events stay in order. */
function toMessage(envelope: EventEnvelope<object>): KafkaMessages[number] {
  const headers: Record<string, string> = { 'event-type': envelope.type, 'event-id': envelope.id };
  if (envelope.traceparent) headers.traceparent = envelope.traceparent;
  return { key: envelope.tenantId ?? 'platform', value: JSON.stringify(envelope), headers };
}
