import { DeadLetter, readDeadLetters, replayDeadLetters } from '@rag/messaging';
import { textFlag, UsageError } from './args';
import { deadLetterView, dlqPosition } from './dead-letter-view';
import { selectDeadLetters } from './dlq-list.command';
import { renderTable } from './format';
import { OpsCommand, Report } from './ops-command';
import { opsKafka } from './ops-kafka';
import { OpsEnv } from './ops.env';

interface DlqReplayOptions {
  /** `partition:offset` on the dead-letter topic; undefined with --all. */
  positions?: string[];
  group?: string;
  dryRun: boolean;
}

const POSITION = /^(\d+):(\d+)$/;

function chosen(letters: DeadLetter[], options: DlqReplayOptions): DeadLetter[] {
  if (!options.positions) return selectDeadLetters(letters, options);
  return options.positions.map((position) => {
    const letter = letters.find((candidate) => dlqPosition(candidate) === position);
    if (!letter) throw new UsageError(`no dead letter at ${position} (see: npm run ops -- dlq list)`);
    if (options.group !== undefined && letter.origin.consumerGroup !== options.group) {
      throw new UsageError(
        `dead letter ${position} failed in group ${letter.origin.consumerGroup}, not ${options.group}`,
      );
    }
    return letter;
  });
}

/**
 * Replays go to the original topic, so every consumer group of it sees the event again: safe
 * because consumers are idempotent (claimEvent in the inbox, or a key the effect cannot repeat
 * under), so groups that had handled it skip it and a second replay changes nothing.
 */
async function run(options: DlqReplayOptions, env: OpsEnv): Promise<Report> {
  const kafka = opsKafka(env);
  const selection = chosen(await readDeadLetters(kafka), options);
  if (!options.dryRun) await replayDeadLetters(kafka, selection);
  const table = renderTable(
    ['DLQ', 'REPLAYED TO', 'KEY', 'EVENT TYPE', 'EVENT ID', 'FAILED IN GROUP'],
    selection.map((letter) => [
      dlqPosition(letter),
      letter.origin.topic,
      letter.key,
      letter.event.type,
      letter.event.id,
      letter.origin.consumerGroup,
    ]),
  );
  const heading = options.dryRun
    ? `Dry run: would replay ${selection.length} dead letter(s); nothing published.`
    : `Replayed ${selection.length} dead letter(s) to their original topics (dlq-* headers removed).`;
  return {
    json: { dryRun: options.dryRun, replayed: selection.map(deadLetterView) },
    text: `${heading}\n${table}`,
    problems: [],
  };
}

export const dlqReplayCommand: OpsCommand<DlqReplayOptions> = {
  options: {
    offset: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    group: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  maxPositionals: 0,
  parse: (values) => {
    const offsets = values.offset as string[] | undefined;
    if ((offsets === undefined) === (values.all !== true)) {
      throw new UsageError('give either --offset PARTITION:OFFSET (one or more) or --all');
    }
    const positions = offsets?.map((position) => {
      const match = POSITION.exec(position);
      if (!match) throw new UsageError(`--offset must look like 0:42, got "${position}"`);
      return `${Number(match[1])}:${Number(match[2])}`;
    });
    return {
      positions: positions ? [...new Set(positions)] : undefined,
      group: textFlag('--group', values.group),
      dryRun: values['dry-run'] === true,
    };
  },
  run,
};
