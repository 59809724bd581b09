import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ContractViolationError, EventEnvelope } from '@rag/contracts';
import { claimEvent } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { utcDay } from './utc-days';

export const IDENTITY_CONSUMER_GROUP = 'identity';

/** What one event adds to its tenant's day; storageBytes may be negative (bytes freed). */
export interface UsageDelta {
  requests: number;
  tokens: number;
  ingestions: number;
  storageBytes: number;
}

/**
 * Adds a usage event (the gateway's usage.recorded, ingestion's object.registered/deleted, agents'
 * agent.run.completed) to its tenant's row for the UTC day of `occurredAt`, once: the
 * event id is claimed in the same transaction. Tokens, requests and ingestions are per-day
 * counts. Storage is a level: a new day starts from the latest earlier day, and a delta for
 * a past day also moves every later day, so late events leave each day's level right. A
 * per-tenant lock orders a tenant's events (and the start-from-earlier-day read).
 */
@Injectable()
export class UsageMeter {
  constructor(private readonly dataSource: DataSource) {}

  async record(event: EventEnvelope<object>, usage: UsageDelta): Promise<boolean> {
    const tenantId = event.tenantId;
    if (!tenantId) throw new ContractViolationError(`${event.type} needs a tenant`, [`event ${event.id}`]);
    const day = utcDay(new Date(event.occurredAt));
    const { requests, tokens, ingestions, storageBytes } = usage;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`usage:${tenantId}`]);
      if (!(await claimEvent(manager, IDENTITY_CONSUMER_GROUP, event.id))) return false;
      await manager.query(
        `INSERT INTO usage_metrics AS u (id, tenant_id, date, tokens_used, requests, ingestions, storage_used)
         VALUES ($1, $2, $3, $4, $5, $7, $6 + COALESCE(
           (SELECT storage_used FROM usage_metrics WHERE tenant_id = $2 AND date < $3 ORDER BY date DESC LIMIT 1), 0))
         ON CONFLICT (tenant_id, date) DO UPDATE SET
           tokens_used = u.tokens_used + EXCLUDED.tokens_used,
           requests = u.requests + EXCLUDED.requests,
           ingestions = u.ingestions + EXCLUDED.ingestions,
           storage_used = u.storage_used + $6`,
        [randomUUID(), tenantId, day, tokens, requests, storageBytes, ingestions],
      );
      if (storageBytes !== 0) {
        await manager.query(
          `UPDATE usage_metrics SET storage_used = storage_used + $3 WHERE tenant_id = $1 AND date > $2`,
          [tenantId, day, storageBytes],
        );
      }
      return true;
    });
  }
}
