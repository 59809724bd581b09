import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createEvent, DeletionRequested, DeletionRequestStalled, SERVICE_ACTOR } from '@rag/contracts';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { ComplianceEnv } from '../compliance.env';

const NOW = `(now() AT TIME ZONE 'utc')`;

interface DueRequest {
  id: string;
  tenant_id: string;
  user_id: string | null;
  scope: 'user' | 'tenant';
  status: string;
  attempts: number;
  session_ids: string[];
}

/**
 * Requests some app has not answered by their deadline: marked stalled (`deletion_request.stalled`
 * the first time) and sent again, with a new deadline, until every app has replied. Apps that
 * already erased find nothing more and reply again.
 */
@Injectable()
export class StalledRequestsWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StalledRequestsWatcher.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly env: ComplianceEnv,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.env.COMPLIANCE_SWEEP_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const due = (await manager.query(
          `SELECT id, tenant_id, user_id, scope, status, attempts, session_ids FROM deletion_requests
            WHERE status <> 'completed' AND deadline_at < ${NOW}
            ORDER BY deadline_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
        )) as DueRequest[];
        for (const request of due) {
          const attempt = request.attempts + 1;
          await manager.query(
            `UPDATE deletion_requests SET status = 'stalled', attempts = $2,
                    deadline_at = ${NOW} + make_interval(secs => $3::float / 1000)
              WHERE id = $1`,
            [request.id, attempt, this.env.DELETION_DEADLINE_MS],
          );
          const event = { tenantId: request.tenant_id, actor: SERVICE_ACTOR, resourceId: request.id };
          if (request.status === 'pending') {
            await this.outbox.publish(
              manager,
              createEvent(DeletionRequestStalled, {
                ...event,
                data: { scope: request.scope, attempt: request.attempts },
              }),
            );
          }
          await this.outbox.publish(
            manager,
            createEvent(DeletionRequested, {
              ...event,
              data: { scope: request.scope, userId: request.user_id, sessionIds: request.session_ids, attempt },
            }),
          );
          this.logger.warn(`deletion request ${request.id} stalled; sent again (attempt ${attempt})`);
        }
        return due.length;
      });
    } catch (error) {
      this.logger.warn(`checking deletion deadlines failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
