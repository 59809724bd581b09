import { EvaluationMetricsView } from '@rag/api';
import { ClaimVerdict } from '@rag/evaluation';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('rag_metrics')
export class RagMetric {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'uuid', name: 'evaluation_id' })
  evaluationId!: string;

  @Column({ type: 'float', name: 'faithfulness_score', nullable: true })
  faithfulness!: number | null;

  @Column({ type: 'float', name: 'relevance_score', nullable: true })
  relevance!: number | null;

  @Column({ type: 'float', name: 'coverage_score', nullable: true })
  coverage!: number | null;

  @Column({ type: 'float', name: 'hallucination_score', nullable: true })
  hallucination!: number | null;

  @Column({ type: 'int', name: 'latency_ms', nullable: true })
  latencyMs!: number | null;

  @Column({ type: 'float', name: 'cost_usd', nullable: true })
  costUsd!: number | null;

  @Column('text')
  judge!: string;

  @Column({ type: 'float', name: 'context_precision', nullable: true })
  contextPrecision!: number | null;

  @Column({ type: 'float', name: 'context_recall', nullable: true })
  contextRecall!: number | null;

  /** The claims and their verdicts, and the chunks judged (ids only). */
  @Column('jsonb')
  details!: {
    claims?: ClaimVerdict[];
    chunkIds?: string[];
    references?: { citation: number; chunkId: string; objectId: string; score: number }[];
  };
}

export function toMetricsView(metric: RagMetric): EvaluationMetricsView {
  return {
    faithfulness: metric.faithfulness,
    relevance: metric.relevance,
    coverage: metric.coverage,
    hallucination: metric.hallucination,
    contextPrecision: metric.contextPrecision,
    contextRecall: metric.contextRecall,
    latencyMs: metric.latencyMs,
    costUsd: metric.costUsd,
    judge: metric.judge,
  };
}
