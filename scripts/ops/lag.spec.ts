import { randomUUID } from 'node:crypto';
import { produceRaw, testKafka } from '@rag/testing';
import { reportOf, runOps } from './testing/run-ops';

interface LagReport {
  maxLag: number;
  groups: {
    groupId: string;
    state: string;
    members: number;
    lag: number;
    abandoned: boolean;
    topics: { topic: string; lag: number; partitions?: { partition: number; highWatermark: number; lag: number }[] }[];
  }[];
  problems: string[];
}

const topic = `ops-lag-${randomUUID()}`;
const groupId = `ops-lag-group-${randomUUID()}`;

/** A real consumer of the group reads `count` messages, commits each, and leaves. */
async function consume(count: number): Promise<void> {
  const consumer = testKafka().consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let read = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
          if (++read === count) resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

describe('npm run ops -- lag (real Kafka)', () => {
  beforeAll(async () => {
    const admin = testKafka().admin();
    await admin.connect();
    await admin
      .createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] })
      .finally(() => admin.disconnect());
    await produceRaw(topic, [{ key: 'tenant-0', value: 'read before the others arrive' }]);
    await consume(1);
  });

  it("shows a real group's unread messages per topic and partition, and pages above --max-lag", async () => {
    await produceRaw(
      topic,
      ['tenant-1', 'tenant-2', 'tenant-3', 'tenant-4'].map((key) => ({ key, value: `unread for ${key}` })),
    );

    const run = await runOps(['lag', '--group', groupId, '--partitions', '--max-lag', '3', '--json']);

    expect(run.code).toBe(1);
    const report = reportOf<LagReport>(run);
    expect(report.maxLag).toBe(3);
    expect(report.groups).toEqual([expect.objectContaining({ groupId, state: 'Empty', members: 0, lag: 4 })]);
    const [topicLag] = report.groups[0].topics;
    expect(report.groups[0].topics).toHaveLength(1);
    expect(topicLag).toEqual(expect.objectContaining({ topic, lag: 4 }));
    const partitions = topicLag.partitions ?? [];
    expect(partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
    expect(partitions.reduce((sum, p) => sum + p.lag, 0)).toBe(4);
    expect(partitions.reduce((sum, p) => sum + p.highWatermark, 0)).toBe(5);
    expect(report.problems).toEqual([`group ${groupId} is 4 messages behind (more than 3)`]);
  });

  it('shows 0 once the group has consumed them, in an aligned table', async () => {
    await consume(4);

    const run = await runOps(['lag', '--group', groupId, '--max-lag', '0']);

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^GROUP\s+STATE\s+MEMBERS\s+TOPIC\s+LAG$/);
    expect(lines[1]).toMatch(new RegExp(`^${groupId}\\s+Empty\\s+0\\s+${topic}\\s+0$`));
    expect(lines[1].indexOf(topic)).toBe(lines[0].indexOf('TOPIC'));
    expect(run.stdout).toContain('No problem found.');
  });

  it("pages for a group that does not exist, never for a stopped gateway process's group", async () => {
    // What a gateway process leaves behind: its own group, offsets committed, no member any more.
    const gatewayGroup = `gateway-ops-spec-${process.pid}-${randomUUID().slice(0, 8)}`;
    const admin = testKafka().admin();
    await admin.connect();
    const partitions = [0, 1, 2].map((partition) => ({ partition, offset: '0' }));
    await admin.setOffsets({ groupId: gatewayGroup, topic, partitions }).finally(() => admin.disconnect());

    const [missing, gateway] = await Promise.all([
      runOps(['lag', '--group', 'ops-no-such-group', '--json']),
      runOps(['lag', '--group', gatewayGroup, '--max-lag', '0', '--json']),
    ]);

    expect(missing.code).toBe(1);
    expect(reportOf<LagReport>(missing).problems).toEqual(['consumer group ops-no-such-group does not exist']);
    expect(gateway.code).toBe(0);
    const report = reportOf<LagReport>(gateway);
    expect(report.groups).toEqual([expect.objectContaining({ groupId: gatewayGroup, lag: 5, abandoned: true })]);
    expect(report.problems).toEqual([]);
  });
});
