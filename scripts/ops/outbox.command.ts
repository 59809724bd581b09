import {
  DEFAULT_RELAY_TUNING,
  InboxCount,
  OutboxBacklog,
  readInboxCounts,
  readOutboxBacklog,
  readSentOutboxRows,
  SentOutboxRows,
} from '@rag/messaging';
import { DataSource } from 'typeorm';
import { integerFlag } from './args';
import { readEveryAppDatabase } from './app-databases';
import { formatDuration, renderTable } from './format';
import { OpsCommand, Report } from './ops-command';
import { OpsEnv } from './ops.env';

interface OutboxOptions {
  maxAgeMs: number;
}

/** Null for a database without the messaging tables (audit publishes nothing). */
type Messaging = { outbox: OutboxBacklog & SentOutboxRows; inbox: InboxCount[] } | null;

async function readMessaging(dataSource: DataSource): Promise<Messaging> {
  const [{ present }] = (await dataSource.query(`SELECT to_regclass('outbox_events') IS NOT NULL AS present`)) as {
    present: boolean;
  }[];
  if (!present) return null;
  const [backlog, sent, inbox] = await Promise.all([
    readOutboxBacklog(dataSource),
    readSentOutboxRows(dataSource),
    readInboxCounts(dataSource),
  ]);
  return { outbox: { ...backlog, ...sent }, inbox };
}

async function run(options: OutboxOptions, env: OpsEnv): Promise<Report> {
  const readings = await readEveryAppDatabase(env, readMessaging);
  const problems: string[] = [];
  const apps = readings.map((reading) => {
    if (!reading.ok) {
      problems.push(`${reading.app}: database unreachable: ${reading.error}`);
      return { app: reading.app, error: reading.error };
    }
    const outbox = reading.value?.outbox ?? null;
    if (outbox && outbox.oldestMs > options.maxAgeMs) {
      problems.push(
        `${reading.app}: ${outbox.backlog} unsent event(s), the oldest ${formatDuration(outbox.oldestMs)} old ` +
          `(more than ${formatDuration(options.maxAgeMs)}): Kafka unreachable or the relay stuck`,
      );
    }
    return { app: reading.app, outbox, inbox: reading.value?.inbox ?? [] };
  });
  const outboxTable = renderTable(
    ['APP', 'UNSENT', 'OLDEST UNSENT', 'SENT (KEPT)', 'OLDEST SENT', 'ERROR'],
    apps.map((app) => {
      if ('error' in app) return [app.app, null, null, null, null, app.error];
      if (!app.outbox) return [app.app, null, null, null, null, 'no outbox (publishes nothing)'];
      const { backlog, oldestMs, sent, oldestSentMs } = app.outbox;
      return [app.app, backlog, formatDuration(oldestMs), sent, formatDuration(oldestSentMs), null];
    }),
  );
  const inboxTable = renderTable(
    ['APP', 'CONSUMER GROUP', 'PROCESSED', 'LAST PROCESSED'],
    apps.flatMap((app) =>
      'error' in app
        ? []
        : app.inbox.map((c) => [app.app, c.consumerGroup, c.processed, c.lastProcessedAt.toISOString()]),
    ),
  );
  const keptFor = formatDuration(DEFAULT_RELAY_TUNING.keepSentMs);
  return {
    json: { maxAgeMs: options.maxAgeMs, apps },
    text: `Outbox (sent rows are kept ${keptFor}, then deleted by the relay)\n${outboxTable}\n\nInbox (events claimed once per consumer group)\n${inboxTable}`,
    problems,
  };
}

export const outboxCommand: OpsCommand<OutboxOptions> = {
  options: { 'max-age': { type: 'string' } },
  maxPositionals: 0,
  parse: (values) => ({
    maxAgeMs:
      integerFlag('--max-age', values['max-age'], {
        fallback: DEFAULT_RELAY_TUNING.maxHealthyAgeMs / 1000,
        min: 0,
        max: 30 * 24 * 3600,
      }) * 1000,
  }),
  run,
};
