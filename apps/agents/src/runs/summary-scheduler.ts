import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentsEnv } from '../agents.env';
import { AgentRun, AgentRunMetadata } from './agent-run.entity';
import { AgentRunStore } from './agent-run-store';

/** How far a session's rolling summary reaches: the messages it covers, and the list cursor after them. */
export type SummaryCoverage = NonNullable<AgentRunMetadata['summary']>;

/**
 * Starts a summarize-session run once AGENT_SUMMARY_BATCH messages have fallen out of the context
 * window (the last AGENT_CONTEXT_MESSAGES) without being summarized; at most one is pending per
 * session (a partial unique index).
 */
@Injectable()
export class SummaryScheduler {
  constructor(
    private readonly env: AgentsEnv,
    private readonly dataSource: DataSource,
    private readonly store: AgentRunStore,
  ) {}

  /** `messageCount`: the session's messages after the run's reply. */
  async considerSummary(run: AgentRun, messageCount: number): Promise<boolean> {
    const covered = (await this.coverage(run.tenantId, run.sessionId!)).coveredCount;
    const outOfWindow = messageCount - this.env.AGENT_CONTEXT_MESSAGES;
    if (outOfWindow - covered < this.env.AGENT_SUMMARY_BATCH) return false;
    return this.store.enqueue({
      id: randomUUID(),
      tenantId: run.tenantId,
      sessionId: run.sessionId!,
      agentType: 'summarize-session',
      metadata: { userId: run.metadata.userId ?? null, summaryTarget: outOfWindow },
    });
  }

  /** The coverage of the session's latest summary (nothing covered before the first). */
  async coverage(tenantId: string, sessionId: string): Promise<SummaryCoverage> {
    const [latest] = (await this.dataSource.query(
      `SELECT metadata->'summary' AS summary FROM agent_runs
        WHERE tenant_id = $1 AND session_id = $2 AND agent_type = 'summarize-session' AND status = 'succeeded'
          AND metadata ? 'summary'
        ORDER BY completed_at DESC LIMIT 1`,
      [tenantId, sessionId],
    )) as { summary: SummaryCoverage }[];
    return latest?.summary ?? { coveredCount: 0, cursor: null };
  }
}
