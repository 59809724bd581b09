import { ConsumerGroupLag, DEFAULT_CONSUMER_TUNING, readConsumerGroupsLag, totalLag } from '@rag/messaging';
import { integerFlag, textFlag } from './args';
import { renderTable } from './format';
import { OpsCommand, Report } from './ops-command';
import { opsKafka } from './ops-kafka';
import { OpsEnv } from './ops.env';

interface LagOptions {
  group?: string;
  partitions: boolean;
  maxLag: number;
}

/**
 * Each gateway process reads in a consumer group of its own (instanceConsumerGroup in
 * apps/gateway/src/events/gateway-messaging.module.ts); once the process is gone its group stays
 * Empty with its offsets until Kafka expires them, and its lag only grows: shown, never paged on.
 */
function isAbandonedGatewayGroup(group: ConsumerGroupLag): boolean {
  return group.groupId.startsWith('gateway-') && group.state === 'Empty';
}

function topicsOf(group: ConsumerGroupLag, withPartitions: boolean) {
  const topics = [...new Set(group.partitions.map((partition) => partition.topic))];
  return topics.map((topic) => {
    const partitions = group.partitions.filter((partition) => partition.topic === topic);
    return { topic, lag: totalLag(partitions), ...(withPartitions ? { partitions } : {}) };
  });
}

async function run(options: LagOptions, env: OpsEnv): Promise<Report> {
  const groups = await readConsumerGroupsLag(opsKafka(env), options.group);
  const problems: string[] = [];
  if (options.group && groups.length === 0) problems.push(`consumer group ${options.group} does not exist`);
  const views = groups.map((group) => {
    const lag = totalLag(group.partitions);
    const abandoned = isAbandonedGatewayGroup(group);
    if (lag > options.maxLag && !abandoned) {
      problems.push(`group ${group.groupId} is ${lag} messages behind (more than ${options.maxLag})`);
    }
    const { groupId, state, members } = group;
    return { groupId, state, members, lag, abandoned, topics: topicsOf(group, options.partitions) };
  });
  const summary = renderTable(
    ['GROUP', 'STATE', 'MEMBERS', 'TOPIC', 'LAG'],
    views.flatMap((group) =>
      group.topics.length === 0
        ? [[group.groupId, group.state, group.members, '(no committed offsets)', null]]
        : group.topics.map((topic) => [group.groupId, group.state, group.members, topic.topic, topic.lag]),
    ),
  );
  const details = options.partitions
    ? renderTable(
        ['GROUP', 'TOPIC', 'PARTITION', 'COMMITTED', 'HIGH WATERMARK', 'LAG'],
        groups.flatMap((group) =>
          group.partitions.map((p) => [group.groupId, p.topic, p.partition, p.committedOffset, p.highWatermark, p.lag]),
        ),
      )
    : undefined;
  const abandoned = views.filter((group) => group.abandoned).length;
  const notes = abandoned > 0 ? [`${abandoned} gateway group(s) of stopped processes: not paged on.`] : [];
  return {
    json: { maxLag: options.maxLag, groups: views },
    text: [summary, details, ...notes].filter(Boolean).join('\n\n'),
    problems,
  };
}

export const lagCommand: OpsCommand<LagOptions> = {
  options: { group: { type: 'string' }, partitions: { type: 'boolean' }, 'max-lag': { type: 'string' } },
  maxPositionals: 0,
  parse: (values) => ({
    group: textFlag('--group', values.group),
    partitions: values.partitions === true,
    maxLag: integerFlag('--max-lag', values['max-lag'], {
      fallback: DEFAULT_CONSUMER_TUNING.maxHealthyLag,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
  }),
  run,
};
