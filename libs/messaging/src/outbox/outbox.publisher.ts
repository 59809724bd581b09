import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, parseEnvelope, topicForSource } from '@rag/contracts';
import { currentTraceparent } from '@rag/observability';
import { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

export const OUTBOX_CHANNEL = 'outbox_events';

/** Messages of a tenant share a key, so they land in one partition in commit order. */
export function messageKey(envelope: EventEnvelope<object>): string {
  return envelope.tenantId ?? 'platform';
}

/**
 * Stores events in the caller's transaction; they reach Kafka only if it commits.
 * NOTIFY inside a transaction is delivered at commit, which wakes the relay.
 */
@Injectable()
export class OutboxPublisher {
  private readonly topic: string;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.topic = topicForSource(options.source);
  }

  async publish(manager: EntityManager, ...envelopes: EventEnvelope<object>[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxPublisher.publish must run inside the transaction of the domain write');
    }
    for (const given of envelopes) {
      const envelope = parseEnvelope({ ...given, traceparent: given.traceparent ?? currentTraceparent() });
      const headers: Record<string, string> = { 'event-type': envelope.type, 'event-id': envelope.id };
      if (envelope.traceparent) headers.traceparent = envelope.traceparent;
      await manager.query(
        `INSERT INTO outbox_events (id, tenant_id, topic, message_key, payload, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
        [envelope.id, envelope.tenantId, this.topic, messageKey(envelope), envelope, headers],
      );
    }
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
