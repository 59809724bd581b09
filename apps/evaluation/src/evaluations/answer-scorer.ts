import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AgentRunView, ChatReferenceView, JudgeKind } from '@rag/api';
import { createEvent, RagEvaluationScored, SERVICE_ACTOR } from '@rag/contracts';
import { Judge, LlmJudge, LocalJudge } from '@rag/evaluation';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { PlatformClients } from '../clients/platform.clients';
import { RagEvaluation } from './rag-evaluation.entity';
import { RagMetric } from './rag-metric.entity';

export interface AnsweredTurn {
  tenantId: string;
  sessionId: string;
  runId: string;
  userMessageId: string;
  replyMessageId: string;
  judge: JudgeKind;
  evaluationSetId?: string;
  expectedAnswer?: string | null;
  expectedSources?: string[];
}

/**
 * Scores one answered chat turn: the question and answer from chat, the chunks the run retrieved
 * from ingestion, the run's latency and cost from agents; one rag_evaluations row (one per run)
 * with its rag_metrics, and `rag_evaluation.scored`.
 */
@Injectable()
export class AnswerScorer {
  private readonly localJudge = new LocalJudge();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clients: PlatformClients,
  ) {}

  /** The evaluation's id (the existing one when this run was scored before). */
  async score(turn: AnsweredTurn): Promise<string> {
    const { tenantId, sessionId } = turn;
    const [question, answer, run] = await Promise.all([
      this.clients.message(tenantId, sessionId, turn.userMessageId),
      this.clients.message(tenantId, sessionId, turn.replyMessageId),
      this.clients.endedRun(tenantId, turn.runId),
    ]);
    const chunkIds = retrievedChunkIds(run);
    const contexts = chunkIds.length ? (await this.clients.chunks(tenantId, chunkIds)).items : [];
    const judge = this.judge(tenantId, turn.judge);
    const scores = await judge.score({
      question: question.content,
      answer: answer.content,
      contexts,
      expectedAnswer: turn.expectedAnswer ?? undefined,
      expectedSources: turn.expectedSources?.length ? turn.expectedSources : undefined,
    });
    const evaluation: RagEvaluation = {
      id: randomUUID(),
      tenantId,
      sessionId,
      query: question.content,
      answer: answer.content,
      createdAt: new Date(),
      agentRunId: turn.runId,
      evaluationSetId: turn.evaluationSetId ?? null,
    };
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager
        .createQueryBuilder()
        .insert()
        .into(RagEvaluation)
        .values(evaluation)
        .orIgnore()
        .returning(['id'])
        .execute()) as { raw: { id: string }[] };
      if (inserted.raw.length === 0) {
        const existing = await manager
          .getRepository(RagEvaluation)
          .findOneByOrFail({ agentRunId: turn.runId, tenantId });
        return existing.id;
      }
      await manager.getRepository(RagMetric).insert({
        id: randomUUID(),
        tenantId,
        evaluationId: evaluation.id,
        faithfulness: scores.faithfulness,
        relevance: scores.relevance,
        coverage: scores.coverage,
        hallucination: scores.hallucination,
        latencyMs: run.latencyMs,
        costUsd: run.usage?.costUsd ?? null,
        judge: judge.name,
        contextPrecision: scores.contextPrecision,
        contextRecall: scores.contextRecall,
        details: { claims: scores.claims, chunkIds, references: answer.references.map(withoutUrl) },
      });
      await this.outbox.publish(
        manager,
        createEvent(RagEvaluationScored, {
          tenantId,
          actor: SERVICE_ACTOR,
          resourceId: evaluation.id,
          data: {
            sessionId,
            agentRunId: turn.runId,
            evaluationSetId: turn.evaluationSetId ?? null,
            judge: judge.name,
          },
        }),
      );
      return evaluation.id;
    });
  }

  private judge(tenantId: string, kind: JudgeKind): Judge {
    if (kind === 'local') return this.localJudge;
    return new LlmJudge({
      label: 'tenant-providers',
      complete: async (messages, signal) => (await this.clients.complete(tenantId, messages, signal)).text,
    });
  }
}

/** The chunks the run's last retrieval returned, in rank order. */
function retrievedChunkIds(run: AgentRunView): string[] {
  const retrieval = run.steps.filter((step) => step.name === 'retrieval').at(-1);
  const hits = (retrieval?.details?.hits ?? []) as { chunkId: string }[];
  return hits.map((hit) => hit.chunkId);
}

/** Signed URLs expire: the report links chunks by id. */
function withoutUrl({ citation, chunkId, objectId, score }: ChatReferenceView) {
  return { citation, chunkId, objectId, score };
}
