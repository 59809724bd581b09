import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { RagEvaluation } from './evaluations/rag-evaluation.entity';
import { RagMetric } from './evaluations/rag-metric.entity';
import { RagReport } from './evaluations/rag-report.entity';
import { CreateEvaluationTables1764000000501 } from './migrations/1764000000501-createEvaluationTables';
import { EvaluationSet } from './sets/evaluation-set.entity';
import { EvaluationSetItem } from './sets/evaluation-set-item.entity';

export const evaluationDatabase: AppDatabase = {
  app: 'evaluation',
  entities: [EvaluationSet, EvaluationSetItem, RagEvaluation, RagMetric, RagReport],
  migrations: [CreateMessagingTables1764000000000, CreateEvaluationTables1764000000501],
};
