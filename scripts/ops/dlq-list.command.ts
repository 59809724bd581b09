import { DEAD_LETTER_TOPIC } from '@rag/contracts';
import { DeadLetter, readDeadLetters } from '@rag/messaging';
import { integerFlag, textFlag } from './args';
import { deadLetterView, dlqPosition } from './dead-letter-view';
import { renderTable } from './format';
import { OpsCommand, Report } from './ops-command';
import { opsKafka } from './ops-kafka';
import { OpsEnv } from './ops.env';

interface DlqListOptions {
  limit: number;
  topic?: string;
  group?: string;
}

/** Dead letters of `group` (the consumer group that gave up) and original `topic`, when given. */
export function selectDeadLetters(letters: DeadLetter[], filter: { topic?: string; group?: string }): DeadLetter[] {
  return letters.filter(
    (letter) =>
      (filter.topic === undefined || letter.origin.topic === filter.topic) &&
      (filter.group === undefined || letter.origin.consumerGroup === filter.group),
  );
}

const newestFirst = (a: DeadLetter, b: DeadLetter) =>
  Number(b.raw.timestamp) - Number(a.raw.timestamp) || a.partition - b.partition || Number(b.offset) - Number(a.offset);

async function run(options: DlqListOptions, env: OpsEnv): Promise<Report> {
  const all = await readDeadLetters(opsKafka(env));
  const matching = selectDeadLetters(all, options).sort(newestFirst);
  const shown = matching.slice(0, options.limit);
  const table = renderTable(
    ['DLQ', 'FAILED AT', 'ORIGIN', 'GROUP', 'ATTEMPTS', 'EVENT TYPE', 'EVENT ID', 'TENANT', 'ERROR'],
    shown.map((letter) => [
      dlqPosition(letter),
      letter.failedAt,
      `${letter.origin.topic}[${letter.origin.partition}]@${letter.origin.offset}`,
      letter.origin.consumerGroup,
      letter.attempts,
      letter.event.type,
      letter.event.id,
      letter.event.tenantId,
      letter.error && letter.error.length > 80 ? `${letter.error.slice(0, 77)}...` : letter.error,
    ]),
  );
  const heading = `${DEAD_LETTER_TOPIC}: ${all.length} dead letter(s), ${matching.length} matching, ${shown.length} shown (newest first)`;
  return {
    json: {
      topic: DEAD_LETTER_TOPIC,
      total: all.length,
      matching: matching.length,
      deadLetters: shown.map(deadLetterView),
    },
    text: `${heading}\n${table}`,
    // Dead letters stay on the topic after they are fixed and replayed: alert on the rate of
    // events_dead_lettered_total instead of on their presence.
    problems: [],
  };
}

export const dlqListCommand: OpsCommand<DlqListOptions> = {
  options: { limit: { type: 'string' }, topic: { type: 'string' }, group: { type: 'string' } },
  maxPositionals: 0,
  parse: (values) => ({
    limit: integerFlag('--limit', values.limit, { fallback: 50, min: 1, max: 100_000 }),
    topic: textFlag('--topic', values.topic),
    group: textFlag('--group', values.group),
  }),
  run,
};
