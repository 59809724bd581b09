import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PgChannelListener } from '@rag/database';
import { counter } from '@rag/observability';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_RELAY_TUNING, MESSAGING_OPTIONS, MessagingOptions, RelayTuning } from '../messaging.options';
import { ProducerService } from '../producer.service';
import { OUTBOX_CHANNEL } from './outbox.publisher';

/** Any fixed number: the advisory lock that lets one relay of an app publish at a time. */
const RELAY_LOCK = 7_310_001;
const CLEANUP_INTERVAL_MS = 60_000;

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  payload: object;
  headers: Record<string, string>;
}

const published = counter('outbox_events_published_total', 'Outbox events published to Kafka', ['topic']);
const failures = counter('outbox_relay_failures_total', 'Outbox relay publish attempts that failed');

/**
 * Publishes committed outbox rows to Kafka in commit order, woken by LISTEN/NOTIFY with a
 * polling fallback. One relay per app holds the lock at a time, so replicas cannot reorder a
 * tenant's events; a failed send rolls back and is retried with backoff (at-least-once).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly tuning: RelayTuning;
  private readonly enabled: boolean;
  private listener?: PgChannelListener;
  private pollTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private failuresInRow = 0;
  private retryAt = 0;
  private stopped = true;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: ProducerService,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.tuning = { ...DEFAULT_RELAY_TUNING, ...options.relay };
    this.enabled = options.outbox !== false;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.stopped = false;
    // While the LISTEN connection is down, polling covers.
    this.listener = PgChannelListener.forDataSource(this.dataSource, {
      channel: OUTBOX_CHANNEL,
      onNotification: () => this.wake(),
    }).start();
    this.pollTimer = setInterval(() => this.wake(), this.tuning.pollIntervalMs);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.listener?.close();
    await this.draining;
  }

  /** Starts a drain, or asks the running one to go round once more. */
  wake(): void {
    if (this.stopped || Date.now() < this.retryAt) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Resolves once everything committed before the call has been published (tests, shutdown). */
  async flush(): Promise<void> {
    // Waits for the lock: a drain running here or in a replica may hold it mid-send.
    while ((await this.publishBatch(true)) > 0);
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) === this.tuning.batchSize);
      this.failuresInRow = 0;
    } catch (error) {
      failures.inc();
      this.failuresInRow++;
      const delay = Math.min(30_000, 200 * 2 ** Math.min(this.failuresInRow, 8));
      this.retryAt = Date.now() + delay;
      this.logger.warn(`publishing the outbox failed (retry in ${delay} ms): ${(error as Error).message}`);
    }
  }

  private publishBatch(waitForLock = false): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (waitForLock) {
        await manager.query(`SELECT pg_advisory_xact_lock($1)`, [RELAY_LOCK]);
      } else {
        const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK]);
        if (!locked) return 0;
      }
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, topic, message_key, payload, headers FROM outbox_events
          WHERE sent_at IS NULL ORDER BY seq LIMIT $1`,
        [this.tuning.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.producer.sendBatch(this.toTopicMessages(rows));
      await manager.query(
        `UPDATE outbox_events SET sent_at = (now() AT TIME ZONE 'utc') WHERE seq = ANY($1::bigint[])`,
        [rows.map((row) => row.seq)],
      );
      for (const row of rows) published.inc({ topic: row.topic });
      await this.deleteOldSentRows(manager);
      return rows.length;
    });
  }

  private toTopicMessages(rows: OutboxRow[]) {
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.message_key, value: JSON.stringify(row.payload), headers: row.headers });
      byTopic.set(row.topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  private async deleteOldSentRows(manager: EntityManager): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_INTERVAL_MS) return;
    this.lastCleanup = Date.now();
    await manager.query(
      `DELETE FROM outbox_events WHERE sent_at < (now() AT TIME ZONE 'utc') - make_interval(secs => $1)`,
      [this.tuning.keepSentMs / 1000],
    );
  }
}
