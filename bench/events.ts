import { randomUUID } from 'node:crypto';
import { createEvent, TenantUpdated } from '@rag/contracts';
import { Message, Partitioners, Producer } from 'kafkajs';
import { testKafka } from '@rag/testing';

/** Kafka refuses a produce request over 1 MB; 1000 events of ~400 bytes stay well under it. */
export const PRODUCE_CHUNK = 1000;

export function tenantIds(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID());
}

/** Valid `tenant.updated` envelopes (validated by createEvent), spread round-robin over `tenants`. */
export function tenantEvents(count: number, tenants: string[]): Message[] {
  const messages: Message[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const tenantId = tenants[i % tenants.length];
    const event = createEvent(TenantUpdated, {
      tenantId,
      actor: { id: null, type: 'service', ip: null, userAgent: null },
      resourceId: tenantId,
      data: { changedFields: ['name'] },
    });
    messages[i] = { key: tenantId, value: JSON.stringify(event) };
  }
  return messages;
}

export async function benchProducer(): Promise<Producer> {
  const producer = testKafka().producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

/**
 * Produces `messages` in chunks of PRODUCE_CHUNK with a few sends in flight (acks=all, as the
 * outbox relay does). Per-tenant order is not needed here: every event is independent.
 */
export async function produceAll(producer: Producer, topic: string, messages: Message[], inFlight = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const start = next;
      next += PRODUCE_CHUNK;
      await producer.send({ topic, acks: -1, messages: messages.slice(start, start + PRODUCE_CHUNK) });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
