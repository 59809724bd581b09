import { HttpStatus, Injectable } from '@nestjs/common';
import { AgentRunView, ListAgentRunsQuery } from '@rag/api';
import { Actor, AgentRunCancelled, createEvent, ragAnswerRunId } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { ApiError, NotFoundError, Page, pageByCreatedAt, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, In } from 'typeorm';
import { ChatClient } from '../clients/chat.client';
import { AgentFailure, toAgentFailureView } from './agent-failure.entity';
import { AgentRun } from './agent-run.entity';

const runs = new TenantScopedRepository(AgentRun, 'tenantId');
const failures = new TenantScopedRepository(AgentFailure, 'tenantId');

class RunAlreadyEndedError extends ApiError {
  constructor(id: string, status: string) {
    super(HttpStatus.CONFLICT, 'agent_run_ended', `agent run ${id} already ended (${status})`, { status });
  }
}

/** Reading and cancelling a tenant's runs. */
@Injectable()
export class AgentRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly chat: ChatClient,
  ) {}

  async get(scope: TenantScope, id: string): Promise<AgentRunView> {
    const run = await runs.findOne(this.dataSource.manager, scope, { id });
    if (!run) throw new NotFoundError('agent_run', id);
    const [view] = await this.views(scope, [run]);
    return view;
  }

  async list(scope: TenantScope, query: ListAgentRunsQuery): Promise<Page<AgentRunView>> {
    requireTenant(scope, 'listing agent runs');
    const builder = runs.query(this.dataSource.manager, scope, 'r');
    if (query.sessionId) builder.andWhere('r.sessionId = :sessionId', { sessionId: query.sessionId });
    const page = await pageByCreatedAt(builder, 'r', query, 'DESC', (run) => run);
    return { items: await this.views(scope, page.items), nextCursor: page.nextCursor };
  }

  /** Queued or running → cancelled; a worker running it stops at its next heartbeat and writes nothing. */
  async cancel(scope: TenantScope, id: string, actor: Actor): Promise<AgentRunView> {
    requireTenant(scope, 'cancelling an agent run');
    const run = await this.dataSource.transaction(async (manager) => {
      const found = await runs.findOneForUpdate(manager, scope, { id });
      if (!found) throw new NotFoundError('agent_run', id);
      if (found.status !== 'queued' && found.status !== 'running') throw new RunAlreadyEndedError(id, found.status);
      await runs.update(manager, scope, { id }, { status: 'cancelled', completedAt: new Date(), heartbeatAt: null });
      await this.outbox.publish(
        manager,
        createEvent(AgentRunCancelled, {
          tenantId: found.tenantId,
          actor,
          resourceId: id,
          data: { sessionId: found.sessionId!, agentType: found.agentType },
        }),
      );
      return found;
    });
    const userMessageId = run.metadata.trigger?.messageId;
    if (run.agentType === 'rag-answer' && run.sessionId && userMessageId) {
      await this.chat
        .notifyRunFailure(run.tenantId, run.sessionId, {
          runId: ragAnswerRunId(userMessageId),
          userMessageId,
          code: 'cancelled',
          message: 'the run was cancelled',
          retryable: false,
        })
        .catch(() => undefined);
    }
    return this.get(scope, id);
  }

  private async views(scope: TenantScope, rows: AgentRun[]): Promise<AgentRunView[]> {
    if (rows.length === 0) return [];
    const recorded = await failures
      .query(this.dataSource.manager, scope, 'f')
      .andWhere({ agentRunId: In(rows.map((row) => row.id)) })
      .orderBy('f.createdAt', 'ASC')
      .getMany();
    return rows.map((run) => {
      const { metadata } = run;
      return {
        id: run.id,
        sessionId: run.sessionId,
        agentType: run.agentType,
        status: run.status,
        attempts: run.attempts,
        provider: metadata.provider ?? null,
        model: metadata.model ?? null,
        usage: metadata.usage ?? null,
        latencyMs: metadata.latencyMs ?? null,
        replyMessageId: metadata.replyMessageId ?? null,
        steps: metadata.steps ?? [],
        failures: recorded.filter((failure) => failure.agentRunId === run.id).map(toAgentFailureView),
        error: metadata.error ? `${metadata.error.type}: ${metadata.error.message}` : null,
        createdAt: run.createdAt.toISOString(),
        startedAt: run.startedAt?.toISOString() ?? null,
        completedAt: run.completedAt?.toISOString() ?? null,
      };
    });
  }
}
