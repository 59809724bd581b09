import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@rag/contracts';
import { DataSource } from 'typeorm';

/**
 * Appends events as audit rows in one statement per batch. The row id is the event id and
 * created_at its occurredAt, so a redelivered event hits the primary key and is skipped.
 */
@Injectable()
export class AuditLogWriter {
  constructor(private readonly dataSource: DataSource) {}

  async append(events: EventEnvelope[]): Promise<number> {
    if (events.length === 0) return 0;
    const result: unknown[] = await this.dataSource.query(
      `INSERT INTO audit_logs (id, tenant_id, actor_id, action, resource_type, resource_id, ip_address, user_agent, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::timestamp[])
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        events.map((event) => event.id),
        events.map((event) => event.tenantId ?? null),
        events.map((event) => event.actor.id ?? null),
        events.map((event) => event.type),
        events.map((event) => event.resource.type),
        events.map((event) => event.resource.id),
        events.map((event) => event.actor.ip ?? null),
        events.map((event) => event.actor.userAgent ?? null),
        events.map((event) => event.occurredAt),
      ],
    );
    return result.length;
  }
}
