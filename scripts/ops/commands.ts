import { OpsCommand } from './ops-command';

export interface CommandEntry {
  name: string;
  synopsis: string;
  summary: string;
  /** Loaded on use: a mistyped command answers at once, without loading Kafka or every app's entities. */
  load(): Promise<OpsCommand<unknown>>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'lag',
    synopsis: 'lag [--group G] [--partitions] [--max-lag N]',
    summary: 'consumer lag per group and topic; exit 1 when a group is more than --max-lag behind (100000)',
    load: async () => (await import('./lag.command')).lagCommand,
  },
  {
    name: 'outbox',
    synopsis: 'outbox [--max-age SECONDS]',
    summary:
      "each app's unsent outbox events, sent rows kept, inbox claims; exit 1 when one is older than --max-age (60)",
    load: async () => (await import('./outbox.command')).outboxCommand,
  },
  {
    name: 'dlq list',
    synopsis: 'dlq list [--limit N] [--topic T] [--group G]',
    summary: 'dead letters, newest first, with where they came from and why they failed',
    load: async () => (await import('./dlq-list.command')).dlqListCommand,
  },
  {
    name: 'dlq replay',
    synopsis: 'dlq replay (--offset PARTITION:OFFSET ... | --all) [--group G] [--dry-run]',
    summary: 'publishes dead letters again to their original topic, without the dlq-* headers',
    load: async () => (await import('./dlq-replay.command')).dlqReplayCommand,
  },
  {
    name: 'partitions',
    synopsis: 'partitions',
    summary:
      'partitions of every partitioned table; exit 1 when a month ahead is missing or a default partition has rows',
    load: async () => (await import('./partitions.command')).partitionsCommand,
  },
  {
    name: 'deletions',
    synopsis: 'deletions [ID] [--status pending|stalled|completed] [--limit N]',
    summary: 'GDPR deletion requests (one in detail, or the latest); exit 1 when one is stalled or past its deadline',
    load: async () => (await import('./deletions.command')).deletionsCommand,
  },
];

/** The command named by the first words of `argv` ("lag", "dlq list"), and the arguments after it. */
export function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  for (const entry of COMMANDS) {
    const words = entry.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) return { entry, rest: argv.slice(words.length) };
  }
  return undefined;
}
