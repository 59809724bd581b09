export interface MessagingOptions {
  /** The owning app; its events go to `<source>.events`. */
  source: string;
  brokers: string[];
  clientId?: string;
  /** False for an app that publishes nothing (the audit app): no outbox relay runs. */
  outbox?: boolean;
  /** Consumer group of this app's event consumers; omit when the app consumes nothing. */
  consumerGroup?: string;
  consumer?: Partial<ConsumerTuning>;
  relay?: Partial<RelayTuning>;
}

export interface ConsumerTuning {
  /** Attempts per event before it goes to the dead-letter topic. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often topic patterns are re-resolved, so topics created later are consumed too. */
  topicRefreshMs: number;
  maxWaitTimeInMs: number;
  /** Whether a new consumer group starts at the oldest message (services) or the newest (caches). */
  fromBeginning: boolean;
  /** A crashed member's partitions move to the others after this long. */
  sessionTimeoutMs: number;
  /** Consumer lag above this makes the app not ready. */
  maxHealthyLag: number;
}

export interface RelayTuning {
  batchSize: number;
  pollIntervalMs: number;
  /** Unsent events older than this make the app not ready. */
  maxHealthyAgeMs: number;
  /** Sent rows are kept this long for inspection, then deleted. */
  keepSentMs: number;
}

export const DEFAULT_CONSUMER_TUNING: ConsumerTuning = {
  maxAttempts: 5,
  retryBaseMs: 100,
  retryMaxMs: 5000,
  topicRefreshMs: 5000,
  maxWaitTimeInMs: 100,
  fromBeginning: true,
  sessionTimeoutMs: 10_000,
  maxHealthyLag: 100_000,
};

export const DEFAULT_RELAY_TUNING: RelayTuning = {
  batchSize: 500,
  pollIntervalMs: 1000,
  maxHealthyAgeMs: 60_000,
  keepSentMs: 24 * 3600 * 1000,
};

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA = Symbol('KAFKA');
