import { Admin, Kafka } from 'kafkajs';

/** How far one consumer group is behind on one partition. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset the group will read; null when it never committed on this partition. */
  committedOffset: number | null;
  highWatermark: number;
  lag: number;
}

export interface ConsumerGroupLag {
  groupId: string;
  /** The broker's view: Stable, Empty (no member running), PreparingRebalance ... */
  state: string;
  members: number;
  partitions: PartitionLag[];
}

/** High watermarks per partition, fetched once per topic however many groups read it. */
export type HighWatermarks = (topic: string) => Promise<Map<number, number>>;

export function highWatermarks(admin: Admin): HighWatermarks {
  const byTopic = new Map<string, Promise<Map<number, number>>>();
  return (topic) => {
    let highs = byTopic.get(topic);
    if (!highs) {
      highs = admin
        .fetchTopicOffsets(topic)
        .then((offsets) => new Map(offsets.map((offset) => [offset.partition, Number(offset.high)])));
      byTopic.set(topic, highs);
    }
    return highs;
  };
}

/**
 * Lag of `groupId` per partition of `topics`, or of every topic it has committed offsets on.
 * A partition without a committed offset counts from offset 0, as readiness always has.
 */
export async function consumerGroupLag(
  admin: Admin,
  groupId: string,
  topics?: string[],
  highs: HighWatermarks = highWatermarks(admin),
): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    const positions = new Map(partitions.map(({ partition, offset }) => [partition, Number(offset)]));
    // Every partition of the topic: without `topics` Kafka answers only those with a commit.
    for (const [partition, highWatermark] of await highs(topic)) {
      const position = positions.get(partition) ?? -1;
      lags.push({
        topic,
        partition,
        committedOffset: position < 0 ? null : position,
        highWatermark,
        lag: Math.max(0, highWatermark - Math.max(position, 0)),
      });
    }
  }
  return lags.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export function totalLag(partitions: PartitionLag[]): number {
  return partitions.reduce((sum, partition) => sum + partition.lag, 0);
}

/**
 * Every consumer group the cluster knows (or only `groupId`), with its state, members and lag on
 * the topics it has committed offsets on: what the ops CLI shows.
 */
export async function readConsumerGroupsLag(kafka: Kafka, groupId?: string): Promise<ConsumerGroupLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    // Groups that only hold committed offsets (no member ever joined) report an empty protocol type.
    const ids = groups
      .filter((group) => ['consumer', ''].includes(group.protocolType))
      .map((group) => group.groupId)
      .filter((id) => groupId === undefined || id === groupId)
      .sort();
    if (ids.length === 0) return [];
    const { groups: described } = await admin.describeGroups(ids);
    const highs = highWatermarks(admin);
    const result: ConsumerGroupLag[] = [];
    for (const group of described.sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      result.push({
        groupId: group.groupId,
        state: group.state,
        members: group.members.length,
        partitions: await consumerGroupLag(admin, group.groupId, undefined, highs),
      });
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}
