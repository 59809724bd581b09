import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** LISTEN takes an identifier, not a parameter: only plain lower-case names are accepted. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PgChannelListenerOptions {
  /** The server and database to listen on (an app's data source URL). */
  connectionString: string;
  channel: string;
  /** Called with each notification's payload ('' when NOTIFY sent none). */
  onNotification: (payload: string) => void;
  /**
   * Called each time LISTEN is in place again after a lost connection or a failed attempt:
   * NOTIFY is not queued for absent listeners, so whatever was sent meanwhile is gone and the
   * owner should catch up from the tables.
   */
  onReconnect?: () => void;
  /** Pause before connecting again; 1 s by default. */
  reconnectDelayMs?: number;
  applicationName?: string;
}

/**
 * LISTEN on one channel over a dedicated connection (a pooled one would drop the LISTEN when it
 * goes back to the pool), reconnecting after a pause whenever the connection is lost.
 */
export class PgChannelListener {
  private readonly logger = new Logger(PgChannelListener.name);
  private client?: Client;
  private closed = false;
  private loop?: Promise<void>;
  private interruptPause?: () => void;
  private markListening!: () => void;
  private readonly listening = new Promise<void>((resolve) => (this.markListening = resolve));

  constructor(private readonly options: PgChannelListenerOptions) {
    if (!CHANNEL_NAME.test(options.channel)) throw new Error(`not a plain channel name: ${options.channel}`);
  }

  /** A listener on the database of a TypeORM data source built with a `url`. */
  static forDataSource(
    dataSource: DataSource,
    options: Omit<PgChannelListenerOptions, 'connectionString'>,
  ): PgChannelListener {
    const { url, extra } = dataSource.options as { url?: string; extra?: { application_name?: string } };
    if (!url) throw new Error('PgChannelListener needs a data source configured with a url');
    return new PgChannelListener({
      // `chat:chat_session_events`: which app listens to what, in pg_stat_activity.
      applicationName: extra?.application_name ? `${extra.application_name}:${options.channel}` : undefined,
      ...options,
      connectionString: url,
    });
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Resolves once the first LISTEN is in place (or the listener was closed). */
  ready(): Promise<void> {
    return this.listening;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.markListening();
    this.interruptPause?.();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    let missed = false;
    while (!this.closed) {
      const client = new Client({
        connectionString: this.options.connectionString,
        application_name: this.options.applicationName,
        // An idle LISTEN connection would not notice a vanished server without TCP keep-alive.
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        connectionTimeoutMillis: 5000,
      });
      client.on('notification', (notification) =>
        this.safely('onNotification', () => this.options.onNotification(notification.payload ?? '')),
      );
      // A lost connection emits 'error' and then 'end'; the loop below handles the 'end'.
      client.on('error', () => undefined);
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      this.client = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${this.options.channel}`);
        if (this.closed) break;
        this.markListening();
        if (missed) this.safely('onReconnect', () => this.options.onReconnect?.());
        await ended;
      } catch {
        await client.end().catch(() => undefined);
      }
      missed = true;
      if (!this.closed) await this.pause(this.options.reconnectDelayMs ?? 1000);
    }
    await this.client?.end().catch(() => undefined);
  }

  /** A throwing callback must not take the connection down with it. */
  private safely(what: string, callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.logger.error(`${what} for channel ${this.options.channel} failed: ${(error as Error).message}`);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.interruptPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
