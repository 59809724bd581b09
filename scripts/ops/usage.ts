import { COMMANDS } from './commands';

const EXIT_CODES = `Exit codes: 0 nothing worth paging on, 1 a problem found (or the check could not run: broker or
database unreachable), 2 bad arguments or environment.`;

/** The usage of one command, or of all of them. */
export function usage(commandName?: string): string {
  const entries = COMMANDS.filter((entry) => commandName === undefined || entry.name === commandName);
  const lines = entries.map((entry) => `  ${entry.synopsis}\n      ${entry.summary}`);
  return [
    'Usage: npm run ops -- <command> [--json]',
    '',
    ...lines,
    '',
    'Reads DATABASE_URL, DB_NAME_PREFIX, KAFKA_BROKERS and *_PARTITION_MONTHS_AHEAD like the apps.',
    '--json prints one JSON document on stdout instead of tables.',
    EXIT_CODES,
  ].join('\n');
}
